package io.kubeboot.node.kubelet.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** metav1.Time as written in a pod status: RFC 3339 in UTC, whole seconds. */
public final class Timestamps {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant t) {
        return t == null ? null : RFC3339.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Instant parse(String s) {
        return s == null || s.isEmpty() ? null : Instant.parse(s);
    }
}
