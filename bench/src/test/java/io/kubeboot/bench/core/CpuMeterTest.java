package io.kubeboot.bench.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuMeterTest {
    @Test
    void cpuSecondsAreUtimePlusStimeEvenWhenTheThreadNameHasSpacesAndParentheses() {
        // a real line of /proc/<pid>/task/<tid>/stat with the name "C2 CompilerThre" (HotSpot's, cut to 15 chars)
        String stat = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 4194368 4120 0 0 0 1234 56 0 0 20 0 40 0 "
                + "1620 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 -1 1 0 0 0 0 0";
        assertThat(CpuMeter.cpuSeconds(stat)).isCloseTo(12.90, within(1e-9));
        assertThat(CpuMeter.cpuSeconds("7 (a) b)) R 1 2 3 4 5 6 7 8 9 10 200 100 0 0")).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void onlyHotSpotsCompilerThreadsCountAsJit() {
        assertThat(CpuMeter.isCompilerThread("C2 CompilerThre")).isTrue();
        assertThat(CpuMeter.isCompilerThread("C1 CompilerThre")).isTrue();
        assertThat(CpuMeter.isCompilerThread("GC Thread#0")).isFalse();
        assertThat(CpuMeter.isCompilerThread("scheduler-bind")).isFalse();
    }

    @Test
    void serverCpuShowsTheJitShareOrNothingWhenUnknown() {
        CpuMeter.Snapshot a = new CpuMeter.Snapshot(0, 0, 10.0, 2.0);
        CpuMeter.Snapshot b = new CpuMeter.Snapshot(1, 0, 21.3, 4.1);
        assertThat(CpuMeter.serverCpu(a, b)).isEqualTo("11.3 s (JIT 2.1 s)");
        assertThat(CpuMeter.serverCpu(a, new CpuMeter.Snapshot(1, 0, 21.3, -1))).isEqualTo("11.3 s");
        assertThat(CpuMeter.serverCpu(new CpuMeter.Snapshot(0, 0, -1, -1), b)).isEqualTo("n/a");
    }

    @Test
    void thisJvmsOwnCompilerThreadsAreFound() {
        CpuMeter.Snapshot s = new CpuMeter(Long.toString(ProcessHandle.current().pid())).now();
        assertThat(s.server()).isPositive();
        assertThat(s.serverJit()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(s.server());
    }
}
