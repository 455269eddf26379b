package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.api.helpers.resource.PodRequests;

import java.util.List;

/**
 * A resource a scorer looks at and its weight, as upstream's {@code config.ResourceSpec}
 * ({@code {"name": "cpu", "weight": 1}} in the plugin args).
 */
public record ResourceSpec(String name, long weight) {

    /** cpu and memory, weight 1 each: upstream's {@code defaultResourceSpec}. */
    public static final List<ResourceSpec> DEFAULTS = List.of(
            new ResourceSpec(PodRequests.CPU, 1), new ResourceSpec(PodRequests.MEMORY, 1));
}
