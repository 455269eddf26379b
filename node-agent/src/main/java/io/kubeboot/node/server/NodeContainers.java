package io.kubeboot.node.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the kubelet's HTTP handlers (logs, exec) look up first: the pod among the node's pod sources and the
 * containers of every runtime, each with the runtime that owns it. Immutable.
 *
 * @param pod       the pod, when a source knows it
 * @param podsKnown whether any pod source exists (without one, only the runtimes' labels can say)
 */
record NodeContainers(Optional<Pod> pod, boolean podsKnown, List<ContainerStatus> containers,
                      Map<String, ContainerRuntime> owners) {

    /** Reads the sources and runtimes now; 503 when no container runtime is available. */
    static NodeContainers lookup(List<ContainerRuntime> runtimes, List<NodePods> sources, String namespace, String podName) {
        if (runtimes.isEmpty()) {
            throw new KubeletHttpException(503, "container runtime is not available");
        }
        Optional<Pod> known = Optional.empty();
        for (NodePods s : sources) {
            known = s.pod(namespace, podName);
            if (known.isPresent()) {
                break;
            }
        }
        List<ContainerStatus> containers = new ArrayList<>();
        Map<String, ContainerRuntime> owners = new HashMap<>();
        for (ContainerRuntime r : runtimes) {
            for (ContainerStatus c : r.listContainers()) {
                containers.add(c);
                owners.put(c.id(), r);
            }
        }
        return new NodeContainers(known, !sources.isEmpty(), List.copyOf(containers), Map.copyOf(owners));
    }

    /** A plain-text answer, as the kubelet's HTTP errors are. */
    static Mono<Void> text(ServerHttpResponse resp, int code, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        resp.setStatusCode(HttpStatusCode.valueOf(code));
        resp.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        resp.getHeaders().setContentLength(b.length);
        return resp.writeWith(Mono.just(resp.bufferFactory().wrap(b)));
    }
}
