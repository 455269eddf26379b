/**
 * The container runtime contract (what CRI is to the kubelet): sandboxes holding a pod's network namespace and
 * containers joined to them, images, exec and logs. {@link io.kubeboot.node.runtime.ContainerRuntime} is the
 * interface; {@code runtime.docker} implements it on a Docker Engine with docker-java, {@code runtime.simulated}
 * in memory for scale benchmarks only (pods go Running without containers, as KWOK's).
 *
 * <p>Everything a runtime creates carries {@link io.kubeboot.node.runtime.RuntimeLabels}; a runtime lists and
 * touches only objects with the label of its own node, so several agents can share one engine and containers that
 * KubeBoot did not create are never seen.
 */
package io.kubeboot.node.runtime;
