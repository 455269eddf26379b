package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.LabelValidation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The args of NodeResourcesFit, as upstream's {@code NodeResourcesFitArgs}: extended resources (or
 * whole resource groups, the part before the {@code /}) the filter ignores, and the scoring strategy.
 *
 * @param scoringStrategy never null once decoded by {@link #fromMap} (the v1 defaults fill it in)
 */
public record NodeResourcesFitArgs(List<String> ignoredResources, List<String> ignoredResourceGroups,
                                   ScoringStrategy scoringStrategy) {
    public static final String LEAST_ALLOCATED = "LeastAllocated";
    public static final String MOST_ALLOCATED = "MostAllocated";
    public static final String REQUESTED_TO_CAPACITY_RATIO = "RequestedToCapacityRatio";
    /** Shape scores are 0..10 (upstream's {@code MaxCustomPriorityScore}). */
    public static final int MAX_CUSTOM_PRIORITY_SCORE = 10;

    private static final List<String> STRATEGY_TYPES = List.of(LEAST_ALLOCATED, MOST_ALLOCATED, REQUESTED_TO_CAPACITY_RATIO);

    /**
     * How Score ranks nodes.
     *
     * @param shape the {@code requestedToCapacityRatio.shape} points; null when {@code requestedToCapacityRatio} is absent
     */
    public record ScoringStrategy(String type, List<ResourceSpec> resources, List<ShapePoint> shape) {
    }

    /** A point of the RequestedToCapacityRatio function: utilization 0..100 maps to score 0..10. */
    public record ShapePoint(int utilization, int score) {
    }

    public NodeResourcesFitArgs {
        ignoredResources = List.copyOf(ignoredResources);
        ignoredResourceGroups = List.copyOf(ignoredResourceGroups);
    }

    /** The defaulted args of an empty config: LeastAllocated over cpu and memory. */
    public static NodeResourcesFitArgs defaults() {
        return fromMap(Map.of());
    }

    /**
     * Decodes the JSON field names of upstream's v1 {@code NodeResourcesFitArgs} and applies the v1
     * defaults ({@code SetDefaults_NodeResourcesFitArgs}): no strategy means LeastAllocated over cpu and
     * memory, an empty resource list means cpu and memory, a zero weight means 1.
     *
     * @throws IllegalArgumentException on unknown fields or values of the wrong type
     */
    public static NodeResourcesFitArgs fromMap(Map<String, Object> args) {
        ArgsMap m = new ArgsMap(args, "", Set.of("ignoredResources", "ignoredResourceGroups", "scoringStrategy"));
        ScoringStrategy strategy = new ScoringStrategy(LEAST_ALLOCATED, ResourceSpec.DEFAULTS, null);
        ArgsMap s = m.object("scoringStrategy", Set.of("type", "resources", "requestedToCapacityRatio"));
        if (s != null) {
            List<ShapePoint> shape = null;
            ArgsMap ratio = s.object("requestedToCapacityRatio", Set.of("shape"));
            if (ratio != null) {
                shape = new ArrayList<>();
                for (ArgsMap p : ratio.objects("shape", Set.of("utilization", "score"))) {
                    shape.add(new ShapePoint((int) p.integer("utilization", Integer.MIN_VALUE, Integer.MAX_VALUE),
                            (int) p.integer("score", Integer.MIN_VALUE, Integer.MAX_VALUE)));
                }
            }
            String type = s.string("type");
            strategy = new ScoringStrategy(type == null ? "" : type, resources(s), shape);
        }
        return new NodeResourcesFitArgs(m.strings("ignoredResources"), m.strings("ignoredResourceGroups"), strategy);
    }

    /** The {@code resources} list with the v1 defaults: none means cpu and memory, weight 0 means 1. */
    static List<ResourceSpec> resources(ArgsMap m) {
        List<ResourceSpec> out = new ArrayList<>();
        for (ArgsMap r : m.objects("resources", Set.of("name", "weight"))) {
            String name = r.string("name");
            long weight = r.integer("weight", Long.MIN_VALUE, Long.MAX_VALUE);
            out.add(new ResourceSpec(name == null ? "" : name, weight == 0 ? 1 : weight));
        }
        return out.isEmpty() ? ResourceSpec.DEFAULTS : List.copyOf(out);
    }

    /** Upstream's {@code ValidateNodeResourcesFitArgs}, with field paths under {@code path}. */
    public FieldErrors validate(FieldPath path) {
        FieldErrors errs = new FieldErrors();
        FieldPath resPath = path.child("ignoredResources");
        for (int i = 0; i < ignoredResources.size(); i++) {
            errs.addAll(LabelValidation.validateLabelName(ignoredResources.get(i), resPath.index(i)));
        }
        FieldPath groupPath = path.child("ignoredResourceGroups");
        for (int i = 0; i < ignoredResourceGroups.size(); i++) {
            String group = ignoredResourceGroups.get(i);
            if (group.contains("/")) {
                errs.invalid(groupPath.index(i), group, "resource group name can't contain '/'");
            }
            errs.addAll(LabelValidation.validateLabelName(group, groupPath.index(i)));
        }
        FieldPath strategyPath = path.child("scoringStrategy");
        if (scoringStrategy != null) {
            if (!STRATEGY_TYPES.contains(scoringStrategy.type())) {
                errs.notSupported(strategyPath.child("type"), scoringStrategy.type(), STRATEGY_TYPES);
            }
            errs.addAll(validateResources(scoringStrategy.resources(), strategyPath.child("resources")));
            if (scoringStrategy.shape() != null) {
                errs.addAll(validateShape(scoringStrategy.shape(), strategyPath.child("shape")));
            } else if (REQUESTED_TO_CAPACITY_RATIO.equals(scoringStrategy.type())) {
                // upstream dereferences the missing parameter and panics; an error says the same more kindly
                errs.required(strategyPath.child("shape"), "at least one point must be specified");
            }
        }
        return errs;
    }

    private static FieldErrors validateResources(List<ResourceSpec> resources, FieldPath p) {
        FieldErrors errs = new FieldErrors();
        for (int i = 0; i < resources.size(); i++) {
            ResourceSpec r = resources.get(i);
            if (r.weight() <= 0 || r.weight() > 100) {
                errs.invalid(p.index(i).child("weight"), r.weight(),
                        "resource weight of " + r.name() + " not in valid range (0, 100]");
            }
        }
        return errs;
    }

    private static FieldErrors validateShape(List<ShapePoint> shape, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (shape.isEmpty()) {
            return errs.required(path, "at least one point must be specified");
        }
        for (int i = 1; i < shape.size(); i++) {
            if (shape.get(i - 1).utilization() >= shape.get(i).utilization()) {
                errs.invalid(path.index(i).child("utilization"), shape.get(i).utilization(),
                        "utilization values must be sorted in increasing order");
                break;
            }
        }
        for (int i = 0; i < shape.size(); i++) {
            ShapePoint point = shape.get(i);
            if (point.utilization() < 0 || point.utilization() > 100) {
                errs.invalid(path.index(i).child("utilization"), point.utilization(), "not in valid range [0, 100]");
            }
            if (point.score() < 0 || point.score() > MAX_CUSTOM_PRIORITY_SCORE) {
                errs.invalid(path.index(i).child("score"), point.score(), "not in valid range [0, " + MAX_CUSTOM_PRIORITY_SCORE + "]");
            }
        }
        return errs;
    }
}
