package io.kubeboot.scheduler.plugins.noderesources;

/**
 * Which resource does not fit and by how much, as upstream's {@code noderesources.InsufficientResource}.
 *
 * @param reason    the phrase shown in FailedScheduling ({@code Insufficient cpu}, {@code Too many pods})
 * @param requested what the pod asks for (1 for the pod count; cpu in millicores)
 * @param used      what the node's pods already request
 * @param capacity  the node's allocatable amount
 */
public record InsufficientResource(String resourceName, String reason, long requested, long used, long capacity) {
}
