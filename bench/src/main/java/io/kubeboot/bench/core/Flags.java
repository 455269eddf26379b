package io.kubeboot.bench.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line flags of the form {@code --name value} or {@code --name=value}. Unknown flags are an
 * error so that a typo never silently runs a 5-minute bench with defaults.
 */
public final class Flags {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> used = new HashMap<>();

    public Flags(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --flag, got " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                values.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                values.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("flag " + a + " needs a value");
            }
        }
    }

    public String string(String name, String def) {
        String v = values.getOrDefault(name, def);
        used.put(name, v);
        return v;
    }

    public int integer(String name, int def) {
        return Integer.parseInt(string(name, Integer.toString(def)));
    }

    /** A duration as {@code 30s}, {@code 2m}, {@code 500ms} or plain seconds. */
    public Duration duration(String name, String def) {
        return parseDuration(string(name, def));
    }

    static Duration parseDuration(String s) {
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        if (s.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(s));
    }

    /** Fails on flags nobody asked for; call after reading all flags. */
    public void rejectUnknown() {
        for (String k : values.keySet()) {
            if (!used.containsKey(k)) {
                throw new IllegalArgumentException("unknown flag --" + k + "; known: " + used.keySet());
            }
        }
    }

    /** The effective settings, for the report header. */
    public Map<String, String> effective() {
        return Map.copyOf(used);
    }
}
