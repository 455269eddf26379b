package io.kubeboot.bench.core;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Markdown a bench prints at the end: one table row per timed phase (rate, percentiles, failures,
 * target and whether it was met), then free-form sections (watch delivery, memory, ratios).
 */
public final class Report {
    /** A row of the phase table; {@code target} and {@code verdict} may be empty. */
    private record Row(PhaseResult result, String target, String verdict) {
    }

    private record Section(String title, List<String> lines) {
    }

    private final String title;
    private final Map<String, String> settings;
    private final List<Row> rows = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    public Report(String title, Map<String, String> settings) {
        this.title = title;
        this.settings = new TreeMap<>(settings);
    }

    public void phase(PhaseResult r) {
        rows.add(new Row(r, "", ""));
    }

    /** A phase with a target; {@code met} decides the verdict column. */
    public void phase(PhaseResult r, String target, boolean met) {
        rows.add(new Row(r, target, met ? "yes" : "**no**"));
    }

    public void section(String title, List<String> lines) {
        sections.add(new Section(title, List.copyOf(lines)));
    }

    public static String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }

    public void print(PrintStream out) {
        out.println("### " + title);
        out.println();
        StringBuilder s = new StringBuilder();
        settings.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        out.println("Settings: " + s);
        out.println();
        if (!rows.isEmpty()) {
            out.println("| phase | clients | ok ops | ops/s | p50 ms | p90 ms | p99 ms | max ms | failures | target | met |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
            for (Row row : rows) {
                PhaseResult r = row.result();
                out.println(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %s | %s | %s |",
                        r.name(), r.clients(), r.ops(), r.perSecond(), r.p50(), r.p90(), r.p99(), r.max(),
                        r.failureSummary(), row.target(), row.verdict()));
            }
            out.println();
        }
        for (Section sec : sections) {
            out.println("#### " + sec.title());
            out.println();
            sec.lines().forEach(out::println);
            out.println();
        }
        out.flush();
    }
}
