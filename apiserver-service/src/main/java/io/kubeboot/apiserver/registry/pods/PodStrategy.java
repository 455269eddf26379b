package io.kubeboot.apiserver.registry.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.apiserver.registry.Strategy;
import io.kubeboot.apiserver.registry.priorityclasses.PriorityClassLister;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static io.kubeboot.apiserver.registry.pods.PodDefaults.isEmpty;
import static io.kubeboot.apiserver.registry.pods.PodDefaults.nn;

/**
 * Pods, as upstream's {@code pkg/registry/core/pod/strategy.go} plus the default admission plugins
 * that mutate pods ({@link PodAdmissionDefaults}, {@link PriorityAdmission}). Binding and graceful
 * deletion are the registry's.
 */
@Component
public class PodStrategy implements Strategy<Pod> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("", "v1", "pods").orElseThrow();

    private final PriorityAdmission priority;

    public PodStrategy(PriorityClassLister priorityClasses) {
        this.priority = new PriorityAdmission(priorityClasses);
    }

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<Pod> type() {
        return Pod.class;
    }

    /**
     * Admission (ServiceAccount, DefaultTolerationSeconds, Priority: none reads what another writes),
     * then {@code status: {phase: Pending, qosClass}} and the gated condition. Priority may refuse the
     * pod with 403.
     */
    @Override
    public void prepareForCreate(Pod pod) {
        PodDefaults.applyPodDefaults(pod);
        PodAdmissionDefaults.apply(pod.getSpec());
        priority.admitCreate(pod);
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        status.setPhase("Pending");
        status.setQosClass(PodQos.compute(pod.getSpec()));
        if (!nn(pod.getSpec().getSchedulingGates()).isEmpty()) {
            PodCondition gated = new PodCondition();
            gated.setType("PodScheduled");
            gated.setStatus("False");
            gated.setReason("SchedulingGated");
            gated.setMessage("Scheduling is blocked due to non-empty scheduling gates");
            List<PodCondition> conditions = new ArrayList<>(nn(status.getConditions()));
            conditions.add(gated);
            status.setConditions(conditions);
        }
        pod.setStatus(status);
    }

    /** DefaultTolerationSeconds also runs on update; Priority keeps the values it set on create. */
    @Override
    public void prepareForUpdate(Pod pod, Pod old) {
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        PodAdmissionDefaults.addDefaultTolerations(pod.getSpec());
        PriorityAdmission.admitUpdate(pod.getSpec(), old.getSpec());
    }

    @Override
    public void applyDefaults(Pod pod) {
        PodDefaults.applyPodDefaults(pod);
    }

    /** Upstream {@code ValidatePodCreate} without the ObjectMeta part. */
    @Override
    public FieldErrors validate(Pod pod) {
        FieldErrors errs = validatePodSpecAndMetadata(pod);
        FieldPath spec = FieldPath.of("spec");
        if (!nn(pod.getSpec().getEphemeralContainers()).isEmpty()) {
            errs.forbidden(spec.child("ephemeralContainers"), "cannot be set on create");
        }
        if (!isEmpty(pod.getSpec().getNodeName()) && !nn(pod.getSpec().getSchedulingGates()).isEmpty()) {
            errs.forbidden(spec.child("nodeName"), "cannot be set until all schedulingGates have been cleared");
        }
        return errs;
    }

    @Override
    public FieldErrors validateUpdate(Pod pod, Pod old) {
        FieldErrors errs = validatePodSpecAndMetadata(pod);
        return errs.addAll(PodUpdateValidation.validateUpdate(pod, old));
    }

    /** The pods/status writer may not touch owner references, and the QoS class is backfilled. */
    @Override
    public void prepareForStatusUpdate(Pod pod, Pod old) {
        if (pod.getMetadata() != null && old.getMetadata() != null) {
            pod.getMetadata().setOwnerReferences(old.getMetadata().getOwnerReferences());
        }
        if (pod.getStatus() != null && old.getStatus() != null && isEmpty(pod.getStatus().getQosClass())) {
            pod.getStatus().setQosClass(old.getStatus().getQosClass());
        }
    }

    @Override
    public FieldErrors validateStatusUpdate(Pod pod, Pod old) {
        return PodUpdateValidation.validateStatusUpdate(pod, old);
    }

    /** Upstream {@code validatePodMetadataAndSpec} minus ValidateObjectMeta. */
    private static FieldErrors validatePodSpecAndMetadata(Pod pod) {
        ObjectMeta meta = pod.getMetadata() == null ? new ObjectMeta() : pod.getMetadata();
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        FieldPath specPath = FieldPath.of("spec");
        FieldErrors errs = PodSpecValidation.validatePodSpecificAnnotations(meta.getAnnotations(), spec,
                FieldPath.of("metadata", "annotations"));
        errs.addAll(PodSpecValidation.validatePodSpec(spec, meta, specPath, true));
        if (isEmpty(spec.getServiceAccountName())) {
            List<Volume> volumes = nn(spec.getVolumes());
            for (int vi = 0; vi < volumes.size(); vi++) {
                if (volumes.get(vi).getProjected() == null) {
                    continue;
                }
                List<VolumeProjection> sources = nn(volumes.get(vi).getProjected().getSources());
                for (int si = 0; si < sources.size(); si++) {
                    if (sources.get(si).getServiceAccountToken() != null) {
                        errs.forbidden(specPath.child("volumes").index(vi).child("projected", "sources").index(si)
                                .child("serviceAccountToken"), "must not be specified when serviceAccountName is not set");
                    }
                }
            }
        }
        for (int i = 0; i < nn(spec.getContainers()).size(); i++) {
            errs.addAll(ContainerValidation.imageWhitespace(spec.getContainers().get(i).getImage(),
                    specPath.child("containers").index(i).child("image")));
        }
        for (int i = 0; i < nn(spec.getInitContainers()).size(); i++) {
            errs.addAll(ContainerValidation.imageWhitespace(spec.getInitContainers().get(i).getImage(),
                    specPath.child("initContainers").index(i).child("image")));
        }
        return errs;
    }

    /**
     * A pod bound to a node waits for its kubelet to stop it (the requested grace, else
     * {@code spec.terminationGracePeriodSeconds}, default 30); one not yet scheduled, or already
     * finished, goes at once.
     */
    @Override
    public long deletionGracePeriodSeconds(JsonNode pod, Long requested) {
        String node = pod.path("spec").path("nodeName").asText("");
        String phase = pod.path("status").path("phase").asText("");
        if (node.isEmpty() || phase.equals("Succeeded") || phase.equals("Failed")) {
            return 0;
        }
        if (requested != null) {
            return Math.max(0, requested);
        }
        return pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
    }
}
