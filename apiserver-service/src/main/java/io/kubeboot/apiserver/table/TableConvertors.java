package io.kubeboot.apiserver.table;

import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The table convertor of each resource, as kube-apiserver 1.32 registers them; resources without a
 * printer of their own (and custom resources without printer columns) get {@link DefaultTable}.
 *
 * <p>Immutable; thread safe.
 */
@Component
public class TableConvertors {
    private static final TableConvertor DEFAULT = new DefaultTable();

    private final Map<String, TableConvertor> byResource = Map.ofEntries(
            Map.entry(key("", "pods"), new PodTable()),
            Map.entry(key("", "nodes"), new NodeTable()),
            Map.entry(key("", "services"), new ServiceTable()),
            Map.entry(key("", "endpoints"), new EndpointsTable()),
            Map.entry(key("", "configmaps"), new ConfigMapTable()),
            Map.entry(key("", "secrets"), new SecretTable()),
            Map.entry(key("", "serviceaccounts"), new ServiceAccountTable()),
            Map.entry(key("", "events"), new EventTable()),
            Map.entry(key("", "namespaces"), new NamespaceTable()),
            Map.entry(key("apps", "deployments"), new DeploymentTable()),
            Map.entry(key("apps", "replicasets"), new ReplicaSetTable()),
            Map.entry(key("apps", "daemonsets"), new DaemonSetTable()),
            Map.entry(key("apps", "controllerrevisions"), new ControllerRevisionTable()),
            Map.entry(key("batch", "jobs"), new JobTable()),
            Map.entry(key("batch", "cronjobs"), new CronJobTable()),
            Map.entry(key("coordination.k8s.io", "leases"), new LeaseTable()),
            Map.entry(key("discovery.k8s.io", "endpointslices"), new EndpointSliceTable()),
            Map.entry(key("scheduling.k8s.io", "priorityclasses"), new PriorityClassTable()));

    /**
     * The convertor for {@code group} ("" for core) and plural {@code resource} (no subresource), or the
     * default NAME / CREATED AT convertor.
     */
    public TableConvertor forResource(String group, String resource) {
        return byResource.getOrDefault(key(group, resource), DEFAULT);
    }

    private static String key(String group, String resource) {
        return (group == null ? "" : group) + "/" + resource;
    }
}
