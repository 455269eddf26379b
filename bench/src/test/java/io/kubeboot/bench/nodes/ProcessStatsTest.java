package io.kubeboot.bench.nodes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessStatsTest {

    @Test
    void readsVmRssInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  262144 kB\nRssAnon:\t 200000 kB\n";
        assertThat(ProcessStats.vmRssBytes(status)).isEqualTo(262144L * 1024);
    }

    @Test
    void noVmRssLine() {
        // kernel threads have no VmRSS line
        assertThat(ProcessStats.vmRssBytes("Name:\tkthreadd\nState:\tS (sleeping)\n")).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource({"-1, n/a", "0, 0.0 MiB", "1048576, 1.0 MiB", "283115520, 270.0 MiB"})
    void mib(long bytes, String expected) {
        assertThat(ProcessStats.mib(bytes)).isEqualTo(expected);
    }

    @Test
    void unknownPid() {
        assertThat(ProcessStats.rssBytes("")).isEqualTo(-1);
        assertThat(ProcessStats.rssBytes(null)).isEqualTo(-1);
    }
}
