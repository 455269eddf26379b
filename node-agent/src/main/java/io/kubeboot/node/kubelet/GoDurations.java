package io.kubeboot.node.kubelet;

import java.time.Duration;

/** Durations written as Go's {@code time.Duration.String()} does ({@code 10s}, {@code 1m20s}, {@code 5m0s}), for messages. */
public final class GoDurations {
    private GoDurations() {
    }

    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long totalMillis = d.toMillis();
        if (totalMillis < 1000) {
            return totalMillis + "ms";
        }
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        long seconds = d.toSecondsPart();
        long millis = d.toMillisPart();
        String secs = millis == 0 ? seconds + "s" : String.format(java.util.Locale.ROOT, "%d.%03ds", seconds, millis).replaceAll("0+s$", "s");
        if (hours > 0) {
            return hours + "h" + minutes + "m" + secs;
        }
        if (minutes > 0) {
            return minutes + "m" + secs;
        }
        return secs;
    }
}
