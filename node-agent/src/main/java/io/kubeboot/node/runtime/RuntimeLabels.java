package io.kubeboot.node.runtime;

/**
 * Labels on every sandbox and container a runtime creates: the dockershim's {@code io.kubernetes.*} names (so
 * tools that know Kubernetes on Docker read them) plus the owning node. Only objects carrying {@link #NODE} are
 * ever listed, adopted or removed by a node agent.
 */
public final class RuntimeLabels {
    public static final String NODE = "io.kubeboot.node";
    public static final String POD_NAME = "io.kubernetes.pod.name";
    public static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
    public static final String POD_UID = "io.kubernetes.pod.uid";
    public static final String CONTAINER_NAME = "io.kubernetes.container.name";
    /** "podsandbox" for a sandbox, "container" for a container (dockershim's io.kubernetes.docker.type). */
    public static final String TYPE = "io.kubernetes.docker.type";
    public static final String TYPE_SANDBOX = "podsandbox";
    public static final String TYPE_CONTAINER = "container";
    /** The attempt number (restart count) of a container, as the kubelet's container annotation. */
    public static final String RESTART_COUNT = "io.kubernetes.container.restartCount";
    /** Hash of the container's spec; a changed spec means the container is replaced, as upstream. */
    public static final String CONTAINER_HASH = "io.kubernetes.container.hash";
    /** "init" for init containers, "regular" otherwise. */
    public static final String CONTAINER_KIND = "io.kubeboot.container.kind";
    /** Grace period of the pod at creation, used when stopping a container whose pod is gone. */
    public static final String TERMINATION_GRACE_PERIOD = "io.kubernetes.pod.terminationGracePeriod";

    private RuntimeLabels() {
    }
}
