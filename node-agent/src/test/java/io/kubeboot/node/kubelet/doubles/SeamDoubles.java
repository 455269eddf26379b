package io.kubeboot.node.kubelet.doubles;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.node.kubelet.KubeletException;
import io.kubeboot.node.kubelet.dns.DnsConfigurer;
import io.kubeboot.node.kubelet.env.EnvironmentResolver;
import io.kubeboot.node.kubelet.prober.LifecycleHandlers;
import io.kubeboot.node.kubelet.volumes.VolumeManager;
import io.kubeboot.node.network.PodNetwork;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.SandboxSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Small doubles of the kubelet's seams (env, volumes, DNS, hooks, pod network) for tests. */
public final class SeamDoubles {
    private SeamDoubles() {
    }

    /** Literal env values only; a variable named FAIL makes resolution fail as a missing ConfigMap would. */
    public static final class EnvironmentDouble implements EnvironmentResolver {
        @Override
        public List<String> resolve(Pod pod, Container container, String podIp, String hostIp) {
            List<String> out = new ArrayList<>();
            for (EnvVar e : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                if ("FAIL".equals(e.getName())) {
                    throw new KubeletException("CreateContainerConfigError", "configmap \"special-config\" not found");
                }
                out.add(e.getName() + "=" + (e.getValue() == null ? "" : e.getValue()));
            }
            return out;
        }
    }

    /** Records set-ups and tear-downs; no mounts. */
    public static final class VolumeManagerDouble implements VolumeManager {
        public final List<String> setUp = new CopyOnWriteArrayList<>();
        public final List<String> tornDown = new CopyOnWriteArrayList<>();

        @Override
        public void setUpPod(Pod pod) {
            setUp.add(pod.getMetadata().getUid());
        }

        @Override
        public List<ContainerSpec.Mount> mountsFor(Pod pod, Container container, List<String> env) {
            return List.of();
        }

        @Override
        public void tearDownPod(String podUid) {
            tornDown.add(podUid);
        }
    }

    public static final class DnsDouble implements DnsConfigurer {
        @Override
        public SandboxSpec.DnsConfig dnsConfig(Pod pod) {
            return new SandboxSpec.DnsConfig(List.of("10.96.0.10"), List.of(pod.getMetadata().getNamespace() + ".svc.cluster.local"), List.of("ndots:5"));
        }

        @Override
        public String hostname(Pod pod) {
            return pod.getMetadata().getName();
        }

        @Override
        public String domainName(Pod pod) {
            return null;
        }
    }

    /** Hooks succeed unless their exec command is ["fail"]; every run is recorded. */
    public static final class HooksDouble implements LifecycleHandlers {
        public final List<String> runs = new CopyOnWriteArrayList<>();

        @Override
        public Optional<String> run(Pod pod, String containerName, String containerId, String podIp, LifecycleHandler handler) {
            runs.add(containerName);
            if (handler.getExec() != null && List.of("fail").equals(handler.getExec().getCommand())) {
                return Optional.of("Exec lifecycle hook ([fail]) for Container \"" + containerName + "\" failed - error: exit 1");
            }
            return Optional.empty();
        }
    }

    /** IPs 10.244.0.2, .3, ... per pod uid; restore and release are recorded. */
    public static final class PodNetworkDouble implements PodNetwork {
        private final AtomicInteger next = new AtomicInteger(2);
        public final Map<String, String> ips = new ConcurrentHashMap<>();
        public final List<String> released = new CopyOnWriteArrayList<>();
        public final Map<String, String> restored = new ConcurrentHashMap<>();

        @Override
        public String networkName() {
            return "kubeboot";
        }

        @Override
        public String allocate(String podUid) {
            return ips.computeIfAbsent(podUid, u -> "10.244.0." + next.getAndIncrement());
        }

        @Override
        public void release(String podUid) {
            ips.remove(podUid);
            released.add(podUid);
        }

        @Override
        public void restore(Map<String, String> ipsByPodUid) {
            restored.putAll(ipsByPodUid);
            ips.putAll(ipsByPodUid);
        }
    }
}
