package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.kubeboot.api.validation.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DefaultPreemption's arguments, as upstream's {@code DefaultPreemptionArgs}: how many nodes the dry
 * run must turn into candidates before it stops, as a share of the potential nodes
 * ({@code minCandidateNodesPercentage}, default 10) and as an absolute floor
 * ({@code minCandidateNodesAbsolute}, default 100).
 */
public record DefaultPreemptionArgs(int minCandidateNodesPercentage, int minCandidateNodesAbsolute) {
    public static final String PERCENTAGE = "minCandidateNodesPercentage";
    public static final String ABSOLUTE = "minCandidateNodesAbsolute";

    /** The v1 defaults ({@code SetDefaults_DefaultPreemptionArgs}). */
    public static final DefaultPreemptionArgs DEFAULTS = new DefaultPreemptionArgs(10, 100);

    /** Valid arguments or an {@link IllegalArgumentException} with upstream's validation message. */
    public DefaultPreemptionArgs {
        List<FieldError> errors = new ArrayList<>();
        if (minCandidateNodesPercentage < 0 || minCandidateNodesPercentage > 100) {
            errors.add(FieldError.invalid(PERCENTAGE, minCandidateNodesPercentage, "not in valid range [0, 100]"));
        }
        if (minCandidateNodesAbsolute < 0) {
            errors.add(FieldError.invalid(ABSOLUTE, minCandidateNodesAbsolute, "not valid value"));
        }
        if (minCandidateNodesPercentage == 0 && minCandidateNodesAbsolute == 0) {
            errors.add(FieldError.invalid(PERCENTAGE, 0, "cannot be zero at the same time as minCandidateNodesAbsolute"));
            errors.add(FieldError.invalid(ABSOLUTE, 0, "cannot be zero at the same time as minCandidateNodesPercentage"));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(aggregate(errors));
        }
    }

    /**
     * From the profile's {@code pluginConfig[].args} map; a missing key takes its default (as the v1
     * defaulting does for a nil field), other keys (apiVersion, kind) are ignored.
     */
    public static DefaultPreemptionArgs fromMap(Map<String, Object> args) {
        if (args == null || args.isEmpty()) {
            return DEFAULTS;
        }
        return new DefaultPreemptionArgs(
                intArg(args, PERCENTAGE, DEFAULTS.minCandidateNodesPercentage),
                intArg(args, ABSOLUTE, DEFAULTS.minCandidateNodesAbsolute));
    }

    private static int intArg(Map<String, Object> args, String key, int dflt) {
        Object v = args.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException(key + ": Invalid value: " + v + ": must be an integer");
    }

    /**
     * How many candidates the dry run looks for among {@code numNodes} potential nodes: the percentage,
     * raised to the absolute floor, capped at {@code numNodes} (upstream's {@code calculateNumCandidates}).
     */
    public int numCandidates(int numNodes) {
        int n = (int) ((long) numNodes * minCandidateNodesPercentage / 100);
        if (n < minCandidateNodesAbsolute) {
            n = minCandidateNodesAbsolute;
        }
        return Math.min(n, numNodes);
    }

    /** apimachinery's {@code utilerrors.Aggregate} text: one message alone, several in brackets. */
    private static String aggregate(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).toString();
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < errors.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(errors.get(i));
        }
        return b.append(']').toString();
    }
}
