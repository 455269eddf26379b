package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.controller.util.PodConditions;
import io.kubeboot.runtime.controller.ObjectKey;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Upstream {@code GetPodServiceMemberships} and {@code GetServicesToUpdateOnPodChange}: which Services a pod event
 * concerns. Only Services with a selector are members; a pod update matters when its labels, hostname/subdomain,
 * deletionTimestamp, readiness or IPs changed. Pure apart from the namespace lookup it is given.
 */
public final class PodServiceMembership {
    private final Function<String, List<Service>> servicesInNamespace;

    /** @param servicesInNamespace the cached Services of a namespace */
    public PodServiceMembership(Function<String, List<Service>> servicesInNamespace) {
        this.servicesInNamespace = servicesInNamespace;
    }

    /** The keys of the Services whose selector matches the pod's labels. */
    public Set<ObjectKey> memberships(Pod pod) {
        return servicesFor(pod.getMetadata().getNamespace(), pod.getMetadata().getLabels());
    }

    /** The Services to sync after {@code oldPod} became {@code curPod}; empty for resyncs and irrelevant changes. */
    public Set<ObjectKey> servicesToUpdateOnPodChange(Pod oldPod, Pod curPod) {
        if (Objects.equals(oldPod.getMetadata().getResourceVersion(), curPod.getMetadata().getResourceVersion())) {
            return Set.of();
        }
        boolean labelsChanged = !Objects.equals(labels(oldPod), labels(curPod))
                || !Objects.equals(hostname(oldPod), hostname(curPod))
                || !Objects.equals(subdomain(oldPod), subdomain(curPod));
        boolean podChanged = podEndpointsChanged(oldPod, curPod);
        if (!podChanged && !labelsChanged) {
            return Set.of();
        }
        Set<ObjectKey> current = servicesFor(curPod.getMetadata().getNamespace(), curPod.getMetadata().getLabels());
        if (!labelsChanged) {
            return current;
        }
        Set<ObjectKey> old = servicesFor(curPod.getMetadata().getNamespace(), oldPod.getMetadata().getLabels());
        Set<ObjectKey> out = new LinkedHashSet<>();
        if (podChanged) {
            // the pod changed too: every service it was or is in needs a sync
            out.addAll(current);
            out.addAll(old);
        } else {
            // only membership changed: the services it joined or left
            for (ObjectKey k : current) {
                if (!old.contains(k)) {
                    out.add(k);
                }
            }
            for (ObjectKey k : old) {
                if (!current.contains(k)) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    /** Whether a change may alter the pod's endpoints: deletionTimestamp, readiness, or IPs. */
    static boolean podEndpointsChanged(Pod oldPod, Pod curPod) {
        if (!Objects.equals(oldPod.getMetadata().getDeletionTimestamp(), curPod.getMetadata().getDeletionTimestamp())) {
            return true;
        }
        if (PodConditions.isPodReady(oldPod) != PodConditions.isPodReady(curPod)) {
            return true;
        }
        return !ips(oldPod).equals(ips(curPod));
    }

    private static List<String> ips(Pod pod) {
        return EndpointPods.podIps(pod);
    }

    private Set<ObjectKey> servicesFor(String namespace, Map<String, String> podLabels) {
        Set<ObjectKey> set = new HashSet<>();
        Map<String, String> labels = podLabels == null ? Map.of() : podLabels;
        for (Service svc : servicesInNamespace.apply(namespace)) {
            Map<String, String> selector = EndpointPods.selector(svc);
            if (selector == null) {
                // a nil selector selects nothing, not everything
                continue;
            }
            if (LabelSelector.fromSet(selector).matches(labels)) {
                set.add(ObjectKey.of(svc));
            }
        }
        return set;
    }

    private static Map<String, String> labels(Pod p) {
        return p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
    }

    private static String hostname(Pod p) {
        return p.getSpec() == null || p.getSpec().getHostname() == null ? "" : p.getSpec().getHostname();
    }

    private static String subdomain(Pod p) {
        return p.getSpec() == null || p.getSpec().getSubdomain() == null ? "" : p.getSpec().getSubdomain();
    }
}
