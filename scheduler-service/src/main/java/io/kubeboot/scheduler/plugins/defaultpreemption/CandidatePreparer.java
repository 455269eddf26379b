package io.kubeboot.scheduler.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.PodInfo;
import io.kubeboot.scheduler.framework.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes room on the chosen node (upstream's {@code Evaluator.prepareCandidate} with the synchronous
 * {@code PreemptPod}): every victim gets the DisruptionTarget condition, is deleted and gets a
 * "Preempted" event; then lower-priority pods nominated to that node lose their nomination, so that they
 * look for another node now rather than after the victims are gone.
 *
 * <p>Victims are handled in parallel; after the first failure the victims not yet started are skipped
 * and the failure is returned as an error status. Clearing nominations is best effort.
 */
final class CandidatePreparer {
    private static final Logger log = LoggerFactory.getLogger(CandidatePreparer.class);

    private final Handle handle;

    CandidatePreparer(Handle handle) {
        this.handle = handle;
    }

    Status prepare(Candidate candidate, PodInfo preemptor) {
        Handle.ClusterClient client = handle.client();
        List<PodInfo> victims = candidate.victims();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        handle.parallelize(victims.size(), i -> {
            if (failure.get() != null) {
                return;
            }
            Pod victim = victims.get(i).pod();
            try {
                client.markPreempted(victim, preemptor.pod());
                client.deletePod(victim);
                client.event(victim, "Normal", "Preempted",
                        "Preempted by pod " + preemptor.uid() + " on node " + candidate.nodeName());
            } catch (RuntimeException e) {
                log.error("Tried to preempt pod {} for {}", PodInfo.key(victim), preemptor.key(), e);
                failure.compareAndSet(null, e);
            }
        });
        if (failure.get() != null) {
            return Status.error(failure.get());
        }
        for (PodInfo p : handle.nominator().nominatedPodsForNode(candidate.nodeName())) {
            if (p.priority() >= preemptor.priority() || nominatedNodeName(p.pod()).isEmpty()) {
                continue;
            }
            try {
                client.setNominatedNodeName(p.pod(), null);
            } catch (RuntimeException e) {
                log.warn("Cannot clear 'NominatedNodeName' field of pod {}", p.key(), e);
            }
        }
        return Status.success();
    }

    static String nominatedNodeName(Pod pod) {
        String n = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        return n == null ? "" : n;
    }
}
