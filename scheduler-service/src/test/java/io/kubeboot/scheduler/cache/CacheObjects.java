package io.kubeboot.scheduler.cache;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.scheduler.framework.NodeInfo;

import java.util.List;
import java.util.Map;

/** Nodes and pods for the cache tests (upstream cache_test's makeBasePod / st.MakeNode shapes). */
final class CacheObjects {
    private CacheObjects() {
    }

    static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"))).endStatus()
                .build();
    }

    static Node zonedNode(String name, String region, String zone) {
        return new NodeBuilder(node(name)).editMetadata()
                .addToLabels("topology.kubernetes.io/region", region)
                .addToLabels("topology.kubernetes.io/zone", zone).endMetadata().build();
    }

    /** A node with images: each entry is a size and the image's names. */
    static Node nodeWithImages(String name, Map<Long, List<String>> images) {
        NodeBuilder b = new NodeBuilder(node(name));
        images.forEach((size, names) -> b.editStatus().addToImages(new ContainerImage(names, size)).endStatus());
        return b.build();
    }

    /** A pod with a cpu request, bound to {@code nodeName} (null: unbound). */
    static Pod pod(String name, String nodeName, String cpu) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name).endMetadata()
                .withNewSpec().withNodeName(nodeName).addNewContainer().withName("c").withImage("img")
                .withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources().endContainer().endSpec()
                .build();
    }

    static Pod withNode(Pod pod, String nodeName) {
        return new PodBuilder(pod).editSpec().withNodeName(nodeName).endSpec().build();
    }

    /** A pod with required pod anti-affinity (so it is also in the affinity list). */
    static Pod antiAffinityPod(String name, String nodeName) {
        return new PodBuilder(pod(name, nodeName, "100m")).editSpec().withNewAffinity().withNewPodAntiAffinity()
                .addToRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
                        .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "x").build())
                        .withTopologyKey("kubernetes.io/hostname").build())
                .endPodAntiAffinity().endAffinity().endSpec().build();
    }

    /** A pod with preferred pod affinity only. */
    static Pod preferredAffinityPod(String name, String nodeName) {
        return new PodBuilder(pod(name, nodeName, "100m")).editSpec().withNewAffinity().withNewPodAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(1).withNewPodAffinityTerm()
                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "x").build())
                .withTopologyKey("kubernetes.io/hostname").endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAffinity().endAffinity().endSpec().build();
    }

    static List<String> names(List<NodeInfo> nodes) {
        return nodes.stream().map(NodeInfo::nodeName).toList();
    }

    static List<String> podNames(NodeInfo n) {
        return n.pods().stream().map(p -> p.name()).toList();
    }
}
