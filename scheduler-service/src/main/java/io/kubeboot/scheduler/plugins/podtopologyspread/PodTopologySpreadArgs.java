package io.kubeboot.scheduler.plugins.podtopologyspread;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.kubeboot.api.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code PodTopologySpreadArgs} of the scheduler configuration: {@code defaultConstraints} and
 * {@code defaultingType} ({@code System} or {@code List}). As upstream's v1 defaulting, a missing
 * defaultingType is {@code List} when constraints are given and {@code System} otherwise. Validation follows
 * {@code ValidatePodTopologySpreadArgs}; violations throw {@link IllegalArgumentException} with the joined
 * field errors.
 */
record PodTopologySpreadArgs(List<TopologySpreadConstraint> defaultConstraints, String defaultingType) {
    static final String SYSTEM = "System";
    static final String LIST = "List";

    static PodTopologySpreadArgs from(Map<String, Object> args) {
        Map<String, Object> a = args == null ? Map.of() : args;
        List<TopologySpreadConstraint> constraints = a.get("defaultConstraints") == null ? List.of()
                : Json.MAPPER.convertValue(a.get("defaultConstraints"), new TypeReference<List<TopologySpreadConstraint>>() {
                });
        String type = (String) a.get("defaultingType");
        if (type == null || type.isEmpty()) {
            type = constraints.isEmpty() ? SYSTEM : LIST;
        }
        PodTopologySpreadArgs parsed = new PodTopologySpreadArgs(List.copyOf(constraints), type);
        parsed.validate();
        return parsed;
    }

    private void validate() {
        List<String> errs = new ArrayList<>();
        if (!SYSTEM.equals(defaultingType) && !LIST.equals(defaultingType)) {
            errs.add("defaultingType: Unsupported value: \"" + defaultingType + "\": supported values: \"System\", \"List\"");
        } else if (SYSTEM.equals(defaultingType) && !defaultConstraints.isEmpty()) {
            errs.add("defaultingType: Invalid value: \"System\": when .defaultConstraints are not empty");
        }
        for (int i = 0; i < defaultConstraints.size(); i++) {
            TopologySpreadConstraint c = defaultConstraints.get(i);
            String p = "defaultConstraints[" + i + "].";
            int skew = c.getMaxSkew() == null ? 0 : c.getMaxSkew();
            if (skew <= 0) {
                errs.add(p + "maxSkew: Invalid value: " + skew + ": not in valid range (0, inf)");
            }
            if (c.getTopologyKey() == null || c.getTopologyKey().isEmpty()) {
                errs.add(p + "topologyKey: Required value: can not be empty");
            }
            String when = c.getWhenUnsatisfiable();
            if (!"DoNotSchedule".equals(when) && !"ScheduleAnyway".equals(when)) {
                errs.add(p + "whenUnsatisfiable: Unsupported value: \"" + (when == null ? "" : when)
                        + "\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"");
            }
            if (c.getLabelSelector() != null) {
                errs.add(p + "labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod");
            }
            for (int j = 0; j < i; j++) {
                TopologySpreadConstraint o = defaultConstraints.get(j);
                if (java.util.Objects.equals(o.getTopologyKey(), c.getTopologyKey())
                        && java.util.Objects.equals(o.getWhenUnsatisfiable(), c.getWhenUnsatisfiable())) {
                    errs.add("defaultConstraints[" + i + "]: Duplicate value: \"{" + c.getTopologyKey() + ", " + when + "}\"");
                    break;
                }
            }
        }
        if (!errs.isEmpty()) {
            throw new IllegalArgumentException(errs.size() == 1 ? errs.get(0) : "[" + String.join(", ", errs) + "]");
        }
    }
}
