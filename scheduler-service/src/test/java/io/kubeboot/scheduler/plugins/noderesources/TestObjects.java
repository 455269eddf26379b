package io.kubeboot.scheduler.plugins.noderesources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.scheduler.framework.CycleState;
import io.kubeboot.scheduler.framework.NodeInfo;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.PreScorePlugin;
import io.kubeboot.scheduler.framework.ScorePlugin;
import io.kubeboot.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pods and nodes as upstream's scheduler tests build them ({@code st.MakePod().Req(...)},
 * {@code st.MakeNode().Capacity(...)}, {@code makeNode}, {@code newResourcePod}), on fabric8 builders.
 */
final class TestObjects {
    static final String EXTENDED_A = "example.com/aaa";
    static final String EXTENDED_B = "example.com/bbb";
    static final String KUBERNETES_IO_A = "kubernetes.io/something";
    static final String KUBERNETES_IO_B = "subdomain.kubernetes.io/something";
    static final String HUGE_PAGE_A = "hugepages-2Mi";

    private TestObjects() {
    }

    /** A resource list from name, quantity pairs. */
    static Map<String, Quantity> rl(String... pairs) {
        Map<String, Quantity> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], new Quantity(pairs[i + 1]));
        }
        return m;
    }

    /** Upstream's {@code st.MakePod()}: each {@link #req} adds a container with those requests. */
    static PodMaker pod() {
        return new PodMaker();
    }

    static final class PodMaker {
        private final List<Container> containers = new ArrayList<>();
        private final List<Container> initContainers = new ArrayList<>();
        private String nodeName;
        private Map<String, Quantity> overhead;
        private String name = "pod";

        PodMaker name(String name) {
            this.name = name;
            return this;
        }

        PodMaker node(String nodeName) {
            this.nodeName = nodeName;
            return this;
        }

        /** A container requesting name, quantity pairs. */
        PodMaker req(String... pairs) {
            return req(rl(pairs));
        }

        PodMaker req(Map<String, Quantity> requests) {
            containers.add(container("con" + containers.size(), null, requests));
            return this;
        }

        /** A container without requests. */
        PodMaker container() {
            containers.add(new ContainerBuilder().withName("con" + containers.size()).build());
            return this;
        }

        /** An init container requesting name, quantity pairs. */
        PodMaker initReq(Map<String, Quantity> requests) {
            initContainers.add(container("init" + initContainers.size(), null, requests));
            return this;
        }

        /** A restartable init container (sidecar) requesting name, quantity pairs. */
        PodMaker sidecarReq(String... pairs) {
            initContainers.add(container("sidecar" + initContainers.size(), "Always", rl(pairs)));
            return this;
        }

        /** A restartable init container without requests. */
        PodMaker sidecar() {
            initContainers.add(new ContainerBuilder().withName("sidecar" + initContainers.size()).withRestartPolicy("Always").build());
            return this;
        }

        PodMaker overhead(String... pairs) {
            this.overhead = rl(pairs);
            return this;
        }

        Pod obj() {
            return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid(name + "-uid").endMetadata()
                    .withNewSpec().withNodeName(nodeName).withContainers(containers).withInitContainers(initContainers)
                    .withOverhead(overhead).endSpec().build();
        }

        private static Container container(String name, String restartPolicy, Map<String, Quantity> requests) {
            return new ContainerBuilder().withName(name).withRestartPolicy(restartPolicy)
                    .withNewResources().withRequests(requests).endResources().build();
        }
    }

    /** What one container of upstream's {@code newResourcePod(framework.Resource{...})} requests. */
    record Usage(long milliCpu, long memory, long ephemeralStorage, Map<String, Long> scalars) {
        static Usage of(long milliCpu, long memory) {
            return new Usage(milliCpu, memory, 0, Map.of());
        }

        static Usage of(long milliCpu, long memory, String scalar, long amount) {
            return new Usage(milliCpu, memory, 0, Map.of(scalar, amount));
        }

        static Usage storage(long ephemeralStorage) {
            return new Usage(0, 0, ephemeralStorage, Map.of());
        }

        static Usage none() {
            return of(0, 0);
        }

        /** Every field as an explicit request, zeros included, as upstream's helper writes them. */
        Map<String, Quantity> requests() {
            Map<String, Quantity> rl = new LinkedHashMap<>();
            rl.put("cpu", new Quantity(milliCpu + "m"));
            rl.put("memory", new Quantity(String.valueOf(memory)));
            rl.put("pods", new Quantity("0"));
            rl.put("ephemeral-storage", new Quantity(String.valueOf(ephemeralStorage)));
            scalars.forEach((k, v) -> rl.put(k, new Quantity(String.valueOf(v))));
            return rl;
        }
    }

    /** Upstream's {@code newResourcePod}: one container per usage. */
    static PodMaker resourcePod(Usage... usages) {
        PodMaker p = pod();
        for (Usage u : usages) {
            p.req(u.requests());
        }
        return p;
    }

    /** Upstream's {@code newResourceInitPod}: init containers with the usages. */
    static PodMaker withInit(PodMaker pod, Usage... usages) {
        for (Usage u : usages) {
            pod.initReq(u.requests());
        }
        return pod;
    }

    /** Upstream's {@code st.MakeNode().Name(name).Capacity(...)}: capacity and allocatable alike. */
    static Node node(String name, String... capacityPairs) {
        Map<String, Quantity> capacity = rl(capacityPairs);
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withCapacity(capacity).withAllocatable(capacity).endStatus().build();
    }

    /** Upstream's {@code makeNode} of test_util.go: cpu in millicores, memory in bytes, extended resources in units. */
    static Node makeNode(String name, long milliCpu, long memory, Map<String, Long> extended) {
        Map<String, Quantity> rl = new LinkedHashMap<>();
        if (extended != null) {
            extended.forEach((k, v) -> rl.put(k, new Quantity(String.valueOf(v))));
        }
        rl.put("cpu", new Quantity(milliCpu + "m"));
        rl.put("memory", new Quantity(String.valueOf(memory)));
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withCapacity(rl).withAllocatable(rl).endStatus().build();
    }

    /** A node with the given allocatable list. */
    static Node allocatableNode(String name, Map<String, Quantity> allocatable) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withAllocatable(allocatable).endStatus().build();
    }

    /** Upstream's {@code makeAllocatableResources(milliCPU, memory, pods, extendedA, storage, hugePageA)}. */
    static Map<String, Quantity> allocatable(long milliCpu, long memory, long pods, long extendedA, long storage, long hugePageA) {
        Map<String, Quantity> rl = new LinkedHashMap<>();
        rl.put("cpu", new Quantity(milliCpu + "m"));
        rl.put("memory", new Quantity(String.valueOf(memory)));
        rl.put("pods", new Quantity(String.valueOf(pods)));
        rl.put(EXTENDED_A, new Quantity(String.valueOf(extendedA)));
        rl.put("ephemeral-storage", new Quantity(String.valueOf(storage)));
        rl.put(HUGE_PAGE_A, new Quantity(String.valueOf(hugePageA)));
        return rl;
    }

    /**
     * Runs PreScore (when asked) and Score of {@code plugin} for {@code pod} on each node, as upstream's
     * score tests do; the scores in node order.
     */
    static <P extends PreScorePlugin & ScorePlugin> List<Long> scores(P plugin, Pod pod, List<Node> nodes, List<Pod> existing,
                                                                       boolean runPreScore) {
        List<NodeInfo> infos = nodeInfos(nodes, existing);
        CycleState state = new CycleState();
        PodInfo podInfo = PodInfo.of(pod);
        if (runPreScore) {
            assertThat(plugin.preScore(state, podInfo, infos)).isEqualTo(Status.success());
        }
        List<Long> out = new ArrayList<>();
        for (NodeInfo n : infos) {
            out.add(plugin.score(state, podInfo, n));
        }
        return out;
    }

    /** Node infos of {@code nodes} with the {@code pods} whose {@code spec.nodeName} names them, as upstream's snapshot. */
    static List<NodeInfo> nodeInfos(List<Node> nodes, List<Pod> pods) {
        List<NodeInfo> out = new ArrayList<>();
        for (Node n : nodes) {
            NodeInfo info = new NodeInfo();
            info.setNode(n);
            for (Pod p : pods) {
                if (Objects.equals(p.getSpec().getNodeName(), n.getMetadata().getName())) {
                    info.addPod(PodInfo.of(p));
                }
            }
            out.add(info);
        }
        return out;
    }
}
