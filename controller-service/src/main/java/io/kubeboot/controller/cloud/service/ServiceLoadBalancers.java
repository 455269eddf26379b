package io.kubeboot.controller.cloud.service;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PortStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.Taint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The service controller's pure decisions (upstream controllers/service/controller.go and
 * service/helpers): which services want a load balancer, when one must be cleaned up or updated, which nodes back
 * load balancers, and whether two load balancer statuses are equal. Arguments are never modified.
 */
public final class ServiceLoadBalancers {
    /** Upstream {@code servicehelper.LoadBalancerCleanupFinalizer}. */
    public static final String FINALIZER = "service.kubernetes.io/load-balancer-cleanup";
    /** Upstream {@code v1.LabelNodeExcludeBalancers}. */
    public static final String LABEL_EXCLUDE_BALANCERS = "node.kubernetes.io/exclude-from-external-load-balancers";
    /** Upstream {@code ToBeDeletedTaint} (cluster autoscaler). */
    public static final String TO_BE_DELETED_TAINT = "ToBeDeletedByClusterAutoscaler";

    private ServiceLoadBalancers() {
    }

    /** Upstream {@code wantsLoadBalancer}: type LoadBalancer without a loadBalancerClass. */
    public static boolean wantsLoadBalancer(Service s) {
        ServiceSpec spec = s.getSpec();
        return spec != null && "LoadBalancer".equals(spec.getType()) && spec.getLoadBalancerClass() == null;
    }

    public static boolean hasFinalizer(Service s) {
        List<String> f = s.getMetadata().getFinalizers();
        return f != null && f.contains(FINALIZER);
    }

    /** Upstream {@code needsCleanup}: the finalizer is there and the service is being deleted or is no longer of type LoadBalancer. */
    public static boolean needsCleanup(Service s) {
        if (!hasFinalizer(s)) {
            return false;
        }
        if (s.getMetadata().getDeletionTimestamp() != null) {
            return true;
        }
        return !"LoadBalancer".equals(s.getSpec() == null ? null : s.getSpec().getType());
    }

    /** Upstream {@code needsUpdate}: a change the load balancer must follow. */
    public static boolean needsUpdate(Service oldS, Service newS) {
        boolean oldWants = wantsLoadBalancer(oldS);
        boolean newWants = wantsLoadBalancer(newS);
        if (!oldWants && !newWants) {
            return false;
        }
        if (oldWants != newWants) {
            return true;
        }
        ServiceSpec o = oldS.getSpec();
        ServiceSpec n = newS.getSpec();
        if (!Objects.equals(nn(o.getLoadBalancerSourceRanges()), nn(n.getLoadBalancerSourceRanges()))) {
            return true;
        }
        if (!portsEqualForLb(oldS, newS) || !Objects.equals(o.getSessionAffinity(), n.getSessionAffinity())) {
            return true;
        }
        if (!Objects.equals(o.getSessionAffinityConfig(), n.getSessionAffinityConfig())) {
            return true;
        }
        if (!Objects.equals(es(o.getLoadBalancerIP()), es(n.getLoadBalancerIP()))) {
            return true;
        }
        if (!nn(o.getExternalIPs()).equals(nn(n.getExternalIPs()))) {
            return true;
        }
        if (!Objects.equals(nm(oldS.getMetadata().getAnnotations()), nm(newS.getMetadata().getAnnotations()))) {
            return true;
        }
        if (!Objects.equals(oldS.getMetadata().getUid(), newS.getMetadata().getUid())) {
            return true;
        }
        if (!Objects.equals(es(o.getExternalTrafficPolicy()), es(n.getExternalTrafficPolicy()))) {
            return true;
        }
        if (!Objects.equals(zero(o.getHealthCheckNodePort()), zero(n.getHealthCheckNodePort()))) {
            return true;
        }
        return nn(o.getIpFamilies()).size() != nn(n.getIpFamilies()).size();
    }

    /** Upstream {@code portsEqualForLB}: same ports in the same order (name, protocol, port, nodePort, targetPort, appProtocol). */
    public static boolean portsEqualForLb(Service x, Service y) {
        List<ServicePort> a = nn(x.getSpec().getPorts());
        List<ServicePort> b = nn(y.getSpec().getPorts());
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            ServicePort p = a.get(i);
            ServicePort q = b.get(i);
            if (!Objects.equals(es(p.getName()), es(q.getName())) || !Objects.equals(p.getProtocol(), q.getProtocol())
                    || !Objects.equals(p.getPort(), q.getPort()) || !Objects.equals(zero(p.getNodePort()), zero(q.getNodePort()))
                    || !Objects.equals(p.getTargetPort(), q.getTargetPort()) || !Objects.equals(p.getAppProtocol(), q.getAppProtocol())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Upstream {@code LoadBalancerStatusEqual} (semantic deep equality of the ingress lists: order matters, absent
     * and empty lists are equal).
     */
    public static boolean loadBalancerStatusEqual(LoadBalancerStatus l, LoadBalancerStatus r) {
        List<LoadBalancerIngress> a = l == null ? List.of() : nn(l.getIngress());
        List<LoadBalancerIngress> b = r == null ? List.of() : nn(r.getIngress());
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!ingressEqual(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean ingressEqual(LoadBalancerIngress a, LoadBalancerIngress b) {
        if (!Objects.equals(es(a.getIp()), es(b.getIp())) || !Objects.equals(es(a.getHostname()), es(b.getHostname()))
                || !Objects.equals(a.getIpMode(), b.getIpMode())) {
            return false;
        }
        List<PortStatus> p = nn(a.getPorts());
        List<PortStatus> q = nn(b.getPorts());
        if (p.size() != q.size()) {
            return false;
        }
        for (int i = 0; i < p.size(); i++) {
            if (!Objects.equals(p.get(i).getPort(), q.get(i).getPort()) || !Objects.equals(p.get(i).getProtocol(), q.get(i).getProtocol())
                    || !Objects.equals(p.get(i).getError(), q.get(i).getError())) {
                return false;
            }
        }
        return true;
    }

    /** Upstream {@code nodeIncludedPredicate}: not labelled for exclusion (an unparsable label value excludes). */
    public static boolean nodeIncluded(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        if (labels == null || !labels.containsKey(LABEL_EXCLUDE_BALANCERS)) {
            return true;
        }
        Boolean v = parseGoBool(labels.get(LABEL_EXCLUDE_BALANCERS));
        return v != null && !v;
    }

    /** Upstream {@code nodeUnTaintedPredicate}: not tainted for deletion by the cluster autoscaler. */
    public static boolean nodeUntainted(Node node) {
        List<Taint> taints = node.getSpec() == null ? null : node.getSpec().getTaints();
        return nn(taints).stream().noneMatch(t -> TO_BE_DELETED_TAINT.equals(t.getKey()));
    }

    /** Upstream {@code nodeReadyPredicate}. */
    public static boolean nodeReady(Node node) {
        if (node.getStatus() == null) {
            return false;
        }
        for (NodeCondition c : nn(node.getStatus().getConditions())) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    /** Upstream {@code stableNodeSetPredicates}: not being deleted, included, untainted. */
    public static boolean inStableNodeSet(Node node) {
        return node.getMetadata().getDeletionTimestamp() == null && nodeIncluded(node) && nodeUntainted(node);
    }

    /** Upstream {@code shouldSyncUpdatedNode}: the exclusion predicate or the providerID changed. */
    public static boolean shouldSyncUpdatedNode(Node oldNode, Node newNode) {
        if (nodeIncluded(oldNode) != nodeIncluded(newNode)) {
            return true;
        }
        return !Objects.equals(providerId(oldNode), providerId(newNode));
    }

    /** Upstream {@code nodesSufficientlyEqual}: the same node names with the same providerIDs. */
    public static boolean nodesSufficientlyEqual(List<Node> oldNodes, List<Node> newNodes) {
        if (oldNodes.size() != newNodes.size()) {
            return false;
        }
        return distill(oldNodes).equals(distill(newNodes));
    }

    private static Map<String, String> distill(List<Node> nodes) {
        Map<String, String> m = new HashMap<>();
        for (Node n : nodes) {
            m.put(n.getMetadata().getName(), providerId(n));
        }
        return m;
    }

    private static String providerId(Node n) {
        return n.getSpec() == null || n.getSpec().getProviderID() == null ? "" : n.getSpec().getProviderID();
    }

    /** Go's {@code strconv.ParseBool}; null when the text is not a boolean. */
    static Boolean parseGoBool(String s) {
        return switch (s == null ? "" : s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static <T> List<T> nn(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <K, V> Map<K, V> nm(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }

    private static String es(String s) {
        return s == null ? "" : s;
    }

    private static Integer zero(Integer i) {
        return i == null ? 0 : i;
    }
}
