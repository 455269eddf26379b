package io.kubeboot.node.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The Linux resources of a container as upstream computes them (helpers_linux.go): CPU shares from the request
 * (or the limit when only a limit is set), CFS quota from the limit over a 100 ms period, memory limit in bytes.
 */
public final class ContainerResources {
    public static final long MIN_SHARES = 2;
    public static final long MAX_SHARES = 262144;
    public static final long SHARES_PER_CPU = 1024;
    public static final long MILLI_CPU_TO_CPU = 1000;
    public static final long QUOTA_PERIOD = 100000;
    public static final long MIN_QUOTA_PERIOD = 1000;

    /** @param cpuPeriod 0 when there is no quota */
    public record Linux(long cpuShares, long cpuQuota, long cpuPeriod, long memoryLimitBytes) {
    }

    private ContainerResources() {
    }

    public static Linux of(Container container) {
        Map<String, Quantity> requests = container.getResources() == null || container.getResources().getRequests() == null
                ? Map.of() : container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources() == null || container.getResources().getLimits() == null
                ? Map.of() : container.getResources().getLimits();
        long cpuRequest = milli(requests.get("cpu"));
        long cpuLimit = milli(limits.get("cpu"));
        long shares = cpuRequest == 0 && cpuLimit != 0 ? milliCpuToShares(cpuLimit) : milliCpuToShares(cpuRequest);
        long quota = milliCpuToQuota(cpuLimit, QUOTA_PERIOD);
        long memory = limits.get("memory") == null ? 0 : Quantity.getAmountInBytes(limits.get("memory")).setScale(0, RoundingMode.UP).longValue();
        return new Linux(shares, quota, quota == 0 ? 0 : QUOTA_PERIOD, memory);
    }

    public static long milliCpuToShares(long milliCpu) {
        if (milliCpu == 0) {
            return MIN_SHARES;
        }
        long shares = milliCpu * SHARES_PER_CPU / MILLI_CPU_TO_CPU;
        return Math.max(MIN_SHARES, Math.min(MAX_SHARES, shares));
    }

    public static long milliCpuToQuota(long milliCpu, long period) {
        if (milliCpu == 0) {
            return 0;
        }
        return Math.max(MIN_QUOTA_PERIOD, milliCpu * period / MILLI_CPU_TO_CPU);
    }

    /** A CPU quantity in millicores, rounded up as Quantity.MilliValue does. */
    static long milli(Quantity q) {
        if (q == null) {
            return 0;
        }
        BigDecimal cores = Quantity.getAmountInBytes(q);
        return cores.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.UP).longValue();
    }
}
