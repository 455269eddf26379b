package io.kubeboot.controller.tainteviction;

import io.fabric8.kubernetes.api.model.Toleration;

import java.time.Duration;
import java.util.List;

/** Upstream {@code getMinTolerationTime}: how long a pod may stay, given the tolerations it uses for the taints. */
final class TolerationTimes {
    /** Forever: no used toleration has tolerationSeconds. */
    static final Duration INFINITE = Duration.ofSeconds(-1);

    private TolerationTimes() {
    }

    /**
     * The smallest tolerationSeconds of the used tolerations; zero when there are none or one is zero or
     * negative; {@link #INFINITE} when none sets it.
     */
    static Duration minTolerationTime(List<Toleration> used) {
        if (used.isEmpty()) {
            return Duration.ZERO;
        }
        long min = Long.MAX_VALUE;
        for (Toleration t : used) {
            if (t.getTolerationSeconds() != null) {
                long s = t.getTolerationSeconds();
                if (s <= 0) {
                    return Duration.ZERO;
                }
                min = Math.min(min, s);
            }
        }
        return min == Long.MAX_VALUE ? INFINITE : Duration.ofSeconds(min);
    }
}
