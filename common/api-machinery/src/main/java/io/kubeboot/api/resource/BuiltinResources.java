package io.kubeboot.api.resource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of resource types KubeBoot serves, with the discovery data kube-apiserver 1.32
 * publishes for them (short names, categories, subresources) and the field-selector fields its
 * registries accept. Immutable.
 */
public final class BuiltinResources {
    private static final List<String> NONE = List.of();
    private static final List<String> ALL = List.of("all");

    private final Map<String, ResourceInfo> byGroupResource = new LinkedHashMap<>();
    private final Map<String, ResourceInfo> byGroupKind = new LinkedHashMap<>();
    private final List<ResourceInfo> all;

    private static final BuiltinResources INSTANCE = new BuiltinResources();

    public static BuiltinResources get() {
        return INSTANCE;
    }

    private BuiltinResources() {
        List<ResourceInfo> list = new ArrayList<>();
        // core/v1
        list.add(new ResourceInfo("", "v1", "namespaces", "Namespace", "namespace", false,
                List.of("ns"), NONE, List.of("create", "delete", "get", "list", "patch", "update", "watch"),
                List.of("status", "finalize"), List.of("status.phase"), Namespace.class));
        list.add(new ResourceInfo("", "v1", "pods", "Pod", "pod", true, List.of("po"), ALL,
                ResourceInfo.ALL_VERBS, List.of("status", "binding", "log", "eviction", "exec"),
                List.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                        "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
                        "status.nominatedNodeName"),
                Pod.class));
        list.add(new ResourceInfo("", "v1", "nodes", "Node", "node", false, List.of("no"), NONE,
                ResourceInfo.ALL_VERBS, List.of("status"), List.of("spec.unschedulable"), Node.class));
        list.add(new ResourceInfo("", "v1", "services", "Service", "service", true, List.of("svc"), ALL,
                List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"),
                List.of("status"), List.of("spec.clusterIP", "spec.type"), Service.class));
        list.add(new ResourceInfo("", "v1", "endpoints", "Endpoints", "endpoints", true, List.of("ep"), NONE,
                ResourceInfo.ALL_VERBS, NONE, NONE, Endpoints.class));
        list.add(new ResourceInfo("", "v1", "configmaps", "ConfigMap", "configmap", true, List.of("cm"), NONE,
                ResourceInfo.ALL_VERBS, NONE, NONE, ConfigMap.class));
        list.add(new ResourceInfo("", "v1", "secrets", "Secret", "secret", true, NONE, NONE,
                ResourceInfo.ALL_VERBS, NONE, List.of("type"), Secret.class));
        list.add(new ResourceInfo("", "v1", "serviceaccounts", "ServiceAccount", "serviceaccount", true,
                List.of("sa"), NONE, ResourceInfo.ALL_VERBS, NONE, NONE, ServiceAccount.class));
        list.add(new ResourceInfo("", "v1", "events", "Event", "event", true, List.of("ev"), NONE,
                ResourceInfo.ALL_VERBS, NONE,
                List.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                        "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                        "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
                Event.class));
        // apps/v1
        list.add(new ResourceInfo("apps", "v1", "deployments", "Deployment", "deployment", true,
                List.of("deploy"), ALL, ResourceInfo.ALL_VERBS, List.of("status", "scale"), NONE, Deployment.class));
        list.add(new ResourceInfo("apps", "v1", "replicasets", "ReplicaSet", "replicaset", true,
                List.of("rs"), ALL, ResourceInfo.ALL_VERBS, List.of("status", "scale"), List.of("status.replicas"),
                ReplicaSet.class));
        list.add(new ResourceInfo("apps", "v1", "daemonsets", "DaemonSet", "daemonset", true,
                List.of("ds"), ALL, ResourceInfo.ALL_VERBS, List.of("status"), NONE, DaemonSet.class));
        list.add(new ResourceInfo("apps", "v1", "controllerrevisions", "ControllerRevision", "controllerrevision",
                true, NONE, NONE, ResourceInfo.ALL_VERBS, NONE, NONE, ControllerRevision.class));
        // batch/v1
        list.add(new ResourceInfo("batch", "v1", "jobs", "Job", "job", true, NONE, ALL,
                ResourceInfo.ALL_VERBS, List.of("status"), List.of("status.successful"), Job.class));
        list.add(new ResourceInfo("batch", "v1", "cronjobs", "CronJob", "cronjob", true, List.of("cj"), ALL,
                ResourceInfo.ALL_VERBS, List.of("status"), NONE, CronJob.class));
        // coordination.k8s.io/v1
        list.add(new ResourceInfo("coordination.k8s.io", "v1", "leases", "Lease", "lease", true, NONE, NONE,
                ResourceInfo.ALL_VERBS, NONE, NONE, Lease.class));
        // discovery.k8s.io/v1
        list.add(new ResourceInfo("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", "endpointslice",
                true, NONE, NONE, ResourceInfo.ALL_VERBS, NONE, List.of("addressType"), EndpointSlice.class));
        // scheduling.k8s.io/v1
        list.add(new ResourceInfo("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", "priorityclass",
                false, List.of("pc"), NONE, ResourceInfo.ALL_VERBS, NONE, NONE, PriorityClass.class));

        for (ResourceInfo r : list) {
            byGroupResource.put(r.group() + "/" + r.resource(), r);
            byGroupKind.put(r.group() + "/" + r.kind(), r);
        }
        all = Collections.unmodifiableList(list);
    }

    public List<ResourceInfo> all() {
        return all;
    }

    public Optional<ResourceInfo> byResource(String group, String version, String resource) {
        ResourceInfo r = byGroupResource.get(group + "/" + resource);
        return r != null && r.version().equals(version) ? Optional.of(r) : Optional.empty();
    }

    public Optional<ResourceInfo> byKind(String group, String kind) {
        return Optional.ofNullable(byGroupKind.get(group + "/" + kind));
    }

    /** Group names in the order kube-apiserver lists them (core first). */
    public List<String> groups() {
        List<String> groups = new ArrayList<>();
        for (ResourceInfo r : all) {
            if (!groups.contains(r.group())) {
                groups.add(r.group());
            }
        }
        return groups;
    }
}
