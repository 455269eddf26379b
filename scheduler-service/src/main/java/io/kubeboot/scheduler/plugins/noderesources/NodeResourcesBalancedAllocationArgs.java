package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The args of NodeResourcesBalancedAllocation, as upstream's {@code NodeResourcesBalancedAllocationArgs}. */
public record NodeResourcesBalancedAllocationArgs(List<ResourceSpec> resources) {

    public NodeResourcesBalancedAllocationArgs {
        resources = List.copyOf(resources);
    }

    /**
     * Decodes upstream's v1 JSON ({@code {"resources": [{"name": "cpu", "weight": 1}]}}) with the v1
     * defaults: no resources means cpu and memory, a zero weight means 1.
     *
     * @throws IllegalArgumentException on unknown fields or values of the wrong type
     */
    public static NodeResourcesBalancedAllocationArgs fromMap(Map<String, Object> args) {
        ArgsMap m = new ArgsMap(args, "", Set.of("resources"));
        return new NodeResourcesBalancedAllocationArgs(NodeResourcesFitArgs.resources(m));
    }

    /** Upstream's {@code ValidateNodeResourcesBalancedAllocationArgs}: no duplicate names, every weight 1. */
    public FieldErrors validate(FieldPath path) {
        FieldErrors errs = new FieldErrors();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < resources.size(); i++) {
            ResourceSpec r = resources.get(i);
            if (!seen.add(r.name())) {
                errs.duplicate(path.child("resources").index(i).child("name"), r.name());
            }
            if (r.weight() != 1) {
                errs.invalid(path.child("resources").index(i).child("weight"), r.weight(), "must be 1");
            }
        }
        return errs;
    }
}
