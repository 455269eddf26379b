package io.kubeboot.apiserver.registry.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.apiserver.registry.Strategy;
import io.kubeboot.apiserver.registry.workloads.PodTemplates;
import io.kubeboot.apiserver.registry.workloads.WorkloadValidation;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.nonNegative;

/**
 * batch/v1 Job, as upstream {@code pkg/registry/batch/job/strategy.go} with {@code SetDefaults_Job}
 * and {@code ValidateJob*} (feature gates at their 1.32 defaults: pod failure policy, backoff limit
 * per index, pod replacement policy, managedBy, success policy and elastic indexed jobs enabled).
 */
@Component
public class JobStrategy implements Strategy<Job> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("batch", "v1", "jobs").orElseThrow();

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    /** Generates the selector and template labels from metadata.uid unless manualSelector is true. */
    @Override
    public void prepareForCreate(Job job) {
        if (!Boolean.TRUE.equals(spec(job).getManualSelector())) {
            generateSelector(job);
        }
    }

    @Override
    public void applyDefaults(Job job) {
        JobSpec spec = spec(job);
        if (spec.getCompletions() == null && spec.getParallelism() == null) {
            spec.setCompletions(1);
            spec.setParallelism(1);
        }
        if (spec.getParallelism() == null) {
            spec.setParallelism(1);
        }
        if (spec.getBackoffLimit() == null) {
            spec.setBackoffLimit(spec.getBackoffLimitPerIndex() != null ? Integer.MAX_VALUE : 6);
        }
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        // Upstream copies the template labels to an unlabelled Job (on every decode, so the
        // generated controller-uid/job-name labels show up on the Job too).
        Map<String, String> templateLabels = WorkloadValidation.templateLabels(spec.getTemplate());
        if (templateLabels != null && !templateLabels.isEmpty()) {
            ObjectMeta meta = meta(job);
            if (meta.getLabels() == null || meta.getLabels().isEmpty()) {
                meta.setLabels(new LinkedHashMap<>(templateLabels));
            }
        }
        if (spec.getCompletionMode() == null) {
            spec.setCompletionMode(JobValidation.NON_INDEXED);
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        defaultPodConditionStatus(spec);
        if (spec.getPodReplacementPolicy() == null) {
            spec.setPodReplacementPolicy(spec.getPodFailurePolicy() != null ? "Failed" : "TerminatingOrFailed");
        }
        if (spec.getManualSelector() == null) {
            spec.setManualSelector(false);
        }
        PodTemplates.applyDefaults(spec.getTemplate());
    }

    @Override
    public FieldErrors validate(Job job) {
        return JobValidation.validateJob(job, true);
    }

    @Override
    public FieldErrors validateUpdate(Job job, Job old) {
        Map<String, String> oldLabels = WorkloadValidation.templateLabels(spec(old).getTemplate());
        // Jobs created before the prefixed labels existed must stay updatable.
        boolean requirePrefixed = oldLabels != null && oldLabels.containsKey(JobLabels.JOB_NAME)
                && oldLabels.containsKey(JobLabels.CONTROLLER_UID);
        FieldErrors errs = JobValidation.validateJob(job, requirePrefixed);
        validateSpecUpdate(spec(job), spec(old), old, errs);
        return errs;
    }

    @Override
    public FieldErrors validateStatusUpdate(Job job, Job old) {
        JobStatus s = job.getStatus() == null ? new JobStatus() : job.getStatus();
        FieldPath p = FieldPath.of("status");
        FieldErrors errs = new FieldErrors();
        nonNegative(s.getActive() == null ? 0 : s.getActive(), p.child("active"), errs);
        nonNegative(s.getSucceeded() == null ? 0 : s.getSucceeded(), p.child("succeeded"), errs);
        nonNegative(s.getFailed() == null ? 0 : s.getFailed(), p.child("failed"), errs);
        if (s.getReady() != null) {
            nonNegative(s.getReady(), p.child("ready"), errs);
        }
        if (s.getTerminating() != null) {
            nonNegative(s.getTerminating(), p.child("terminating"), errs);
        }
        if (s.getUncountedTerminatedPods() != null) {
            FieldPath up = p.child("uncountedTerminatedPods");
            Set<String> seen = new HashSet<>();
            uidList(s.getUncountedTerminatedPods().getSucceeded(), up.child("succeeded"), seen, errs);
            uidList(s.getUncountedTerminatedPods().getFailed(), up.child("failed"), seen, errs);
        }
        return errs;
    }

    private static void uidList(List<String> uids, FieldPath path, Set<String> seen, FieldErrors errs) {
        if (uids == null) {
            return;
        }
        for (int i = 0; i < uids.size(); i++) {
            String k = uids.get(i) == null ? "" : uids.get(i);
            if (k.isEmpty()) {
                errs.invalid(path.index(i), k, "must not be empty");
            } else if (!seen.add(k)) {
                errs.duplicate(path.index(i), k);
            }
        }
    }

    @Override
    public List<String> warningsOnCreate(Job job) {
        String name = meta(job).getName();
        List<String> msgs = name == null ? List.of() : Dns.isDns1123Label(name);
        if (msgs.isEmpty()) {
            return List.of();
        }
        return List.of("metadata.name: this is used in Pod names and hostnames, which can result in surprising "
                + "behavior; a DNS label is recommended: [" + String.join(" ", msgs) + "]");
    }

    /** Upstream {@code ValidateJobSpecUpdate} minus the spec validation already done. */
    static void validateSpecUpdate(JobSpec spec, JobSpec oldSpec, Job old, FieldErrors errs) {
        FieldPath p = FieldPath.of("spec");
        validateCompletions(spec, oldSpec, p.child("completions"), errs);
        WorkloadValidation.immutableSelector(spec.getSelector(), oldSpec.getSelector(), p.child("selector"), errs);
        boolean suspended = Boolean.TRUE.equals(oldSpec.getSuspend());
        boolean notStarted = old.getStatus() == null || old.getStatus().getStartTime() == null;
        validateTemplateUpdate(spec.getTemplate(), oldSpec.getTemplate(), suspended && notStarted,
                p.child("template"), errs);
        immutableValue(spec.getCompletionMode(), oldSpec.getCompletionMode(), p.child("completionMode"), errs);
        WorkloadValidation.immutable(spec.getPodFailurePolicy(), oldSpec.getPodFailurePolicy(),
                p.child("podFailurePolicy"), FieldError.OMIT, errs);
        immutableValue(spec.getBackoffLimitPerIndex(), oldSpec.getBackoffLimitPerIndex(),
                p.child("backoffLimitPerIndex"), errs);
        immutableValue(spec.getManagedBy(), oldSpec.getManagedBy(), p.child("managedBy"), errs);
        WorkloadValidation.immutable(spec.getSuccessPolicy(), oldSpec.getSuccessPolicy(),
                p.child("successPolicy"), FieldError.OMIT, errs);
    }

    /** Completions are immutable except for Indexed Jobs, where they may change in tandem with parallelism. */
    private static void validateCompletions(JobSpec spec, JobSpec oldSpec, FieldPath path, FieldErrors errs) {
        if (!JobValidation.INDEXED.equals(spec.getCompletionMode())) {
            immutableValue(spec.getCompletions(), oldSpec.getCompletions(), path, errs);
            return;
        }
        if (Objects.equals(spec.getCompletions(), oldSpec.getCompletions()) || spec.getCompletions() == null) {
            return;
        }
        if (!spec.getCompletions().equals(spec.getParallelism())) {
            errs.invalid(path, spec.getCompletions(), "can only be modified in tandem with spec.parallelism");
        }
    }

    /**
     * The template is immutable, except that a suspended Job that never started may change its
     * scheduling directives (node affinity, node selector, tolerations, scheduling gates) and its
     * template labels and annotations.
     */
    static void validateTemplateUpdate(PodTemplateSpec template, PodTemplateSpec oldTemplate,
                                       boolean allowSchedulingChanges, FieldPath path, FieldErrors errs) {
        JsonNode now = tree(template);
        ObjectNode before = tree(oldTemplate);
        if (allowSchedulingChanges) {
            ObjectNode nowObj = (ObjectNode) now;
            ObjectNode oldSpec = child(before, "spec");
            JsonNode newSpec = nowObj.path("spec");
            JsonNode newAffinity = newSpec.get("affinity");
            JsonNode oldAffinity = oldSpec.get("affinity");
            if (newAffinity == null && oldAffinity instanceof ObjectNode oa) {
                oa.remove("nodeAffinity");
                if (oa.isEmpty()) {
                    oldSpec.remove("affinity");
                }
            } else if (newAffinity != null && oldAffinity == null) {
                ObjectNode a = oldSpec.putObject("affinity");
                copy(newAffinity, a, "nodeAffinity");
            } else if (newAffinity != null && oldAffinity instanceof ObjectNode oa) {
                copy(newAffinity, oa, "nodeAffinity");
            }
            copy(newSpec, oldSpec, "nodeSelector");
            copy(newSpec, oldSpec, "tolerations");
            copy(newSpec, oldSpec, "schedulingGates");
            ObjectNode oldMeta = child(before, "metadata");
            copy(nowObj.path("metadata"), oldMeta, "annotations");
            copy(nowObj.path("metadata"), oldMeta, "labels");
        }
        if (!normalized(now).equals(normalized(before))) {
            errs.invalid(path, FieldError.OMIT, WorkloadValidation.IMMUTABLE);
        }
    }

    private static void immutableValue(Object now, Object before, FieldPath path, FieldErrors errs) {
        if (!Objects.equals(now, before)) {
            errs.invalid(path, now == null ? new GoValue("null") : now, WorkloadValidation.IMMUTABLE);
        }
    }

    private static ObjectNode tree(PodTemplateSpec t) {
        return t == null ? Json.object() : (ObjectNode) Json.MAPPER.valueToTree(t);
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode n = parent.get(name);
        return n instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v == null) {
            to.remove(field);
        } else {
            to.set(field, v.deepCopy());
        }
    }

    /** Drops empty objects and arrays so that absent and empty compare equal, as fabric8 serializes either. */
    private static JsonNode normalized(JsonNode n) {
        if (n instanceof ObjectNode o) {
            ObjectNode out = Json.object();
            o.fields().forEachRemaining(e -> {
                JsonNode v = normalized(e.getValue());
                if (!(v.isContainerNode() && v.isEmpty()) && !v.isNull()) {
                    out.set(e.getKey(), v);
                }
            });
            return out;
        }
        return n;
    }

    /**
     * Upstream {@code SetDefaults_PodFailurePolicyOnPodConditionsPattern}: a pod-condition pattern
     * without a status matches status True. Shared with CronJob job templates.
     */
    public static void defaultPodConditionStatus(JobSpec spec) {
        if (spec.getPodFailurePolicy() == null || spec.getPodFailurePolicy().getRules() == null) {
            return;
        }
        for (PodFailurePolicyRule rule : spec.getPodFailurePolicy().getRules()) {
            if (rule.getOnPodConditions() != null) {
                for (PodFailurePolicyOnPodConditionsPattern p : rule.getOnPodConditions()) {
                    if (p.getStatus() == null || p.getStatus().isEmpty()) {
                        p.setStatus("True");
                    }
                }
            }
        }
    }

    /** Upstream {@code generateSelector}: user-set labels are kept (and then rejected if they conflict). */
    static void generateSelector(Job job) {
        JobSpec spec = spec(job);
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        if (spec.getTemplate().getMetadata() == null) {
            spec.getTemplate().setMetadata(new ObjectMeta());
        }
        ObjectMeta tm = spec.getTemplate().getMetadata();
        Map<String, String> labels = tm.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(tm.getLabels());
        String name = meta(job).getName() == null ? "" : meta(job).getName();
        String uid = meta(job).getUid() == null ? "" : meta(job).getUid();
        labels.putIfAbsent(JobLabels.LEGACY_JOB_NAME, name);
        labels.putIfAbsent(JobLabels.JOB_NAME, name);
        labels.putIfAbsent(JobLabels.LEGACY_CONTROLLER_UID, uid);
        labels.putIfAbsent(JobLabels.CONTROLLER_UID, uid);
        tm.setLabels(labels);
        if (spec.getSelector() == null) {
            spec.setSelector(new LabelSelector());
        }
        Map<String, String> match = spec.getSelector().getMatchLabels() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(spec.getSelector().getMatchLabels());
        match.putIfAbsent(JobLabels.CONTROLLER_UID, uid);
        spec.getSelector().setMatchLabels(match);
    }

    private static ObjectMeta meta(Job job) {
        if (job.getMetadata() == null) {
            job.setMetadata(new ObjectMeta());
        }
        return job.getMetadata();
    }

    private static JobSpec spec(Job job) {
        if (job.getSpec() == null) {
            job.setSpec(new JobSpec());
        }
        return job.getSpec();
    }

    /** As upstream's batch/v1 Job strategy: a delete without a policy keeps the Job's pods. */
    @Override
    public boolean orphanDependentsByDefault() {
        return true;
    }
}
