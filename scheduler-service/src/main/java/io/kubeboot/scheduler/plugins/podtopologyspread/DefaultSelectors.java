package io.kubeboot.scheduler.plugins.podtopologyspread;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.api.selector.LabelSelector;

import java.util.List;

/**
 * The selectors of the workload objects that own or expose a pod, from which PodTopologySpread builds the
 * selector of the cluster-level default constraints (upstream's {@code helper.DefaultSelector}).
 *
 * <p>Contract: for {@code pod}, return
 * <ul>
 *   <li>the {@code spec.selector} (as {@link LabelSelector#fromSet}) of every Service in the pod's namespace
 *       whose non-nil selector matches the pod's labels (a Service with a nil selector selects nothing and
 *       is left out);</li>
 *   <li>when the pod's controller owner reference ({@code controller: true}) names a ReplicationController
 *       ({@code v1}) that exists: its {@code spec.selector} map;</li>
 *   <li>when it names a ReplicaSet or StatefulSet ({@code apps/v1}) that exists: its {@code spec.selector}
 *       converted with {@link LabelSelector#fromModel} (skipped when it does not parse).</li>
 * </ul>
 * The plugin ANDs all returned requirements; when nothing is returned (or only empty selectors), the pod
 * gets no default constraints. Implementations read informer caches, must be thread safe and must not
 * block on the API server.
 */
@FunctionalInterface
public interface DefaultSelectors {

    List<LabelSelector> selectorsFor(Pod pod);

    /** Knows no workloads: no pod gets default constraints (tests, or clusters without those informers). */
    DefaultSelectors NONE = pod -> List.of();
}
