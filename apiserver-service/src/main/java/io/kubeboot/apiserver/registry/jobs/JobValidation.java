package io.kubeboot.apiserver.registry.jobs;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.apiserver.registry.workloads.PodTemplates;
import io.kubeboot.apiserver.registry.workloads.WorkloadValidation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.nonNegative;

/**
 * Upstream {@code pkg/apis/batch/validation} for Job specs: {@code ValidateJob}, {@code ValidateJobSpec},
 * the template-only {@code validateJobSpec} (also used by CronJob job templates) and the update rules.
 */
public final class JobValidation {
    static final int MAX_PARALLELISM_FOR_INDEXED_JOB = 100_000;
    static final int MAX_FAILED_INDEXES_FOR_INDEXED_JOB = 100_000;
    static final int COMPLETIONS_SOFT_LIMIT = 100_000;
    static final int PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
    static final int MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
    static final int MAX_POD_FAILURE_POLICY_RULES = 20;
    static final int MAX_ON_EXIT_CODES_VALUES = 255;
    static final int MAX_ON_POD_CONDITIONS_PATTERNS = 20;
    static final int MAX_MANAGED_BY_LENGTH = 63;
    static final int MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
    static final int MAX_SUCCESS_POLICY_RULES = 20;
    static final String INDEXED = "Indexed";
    static final String NON_INDEXED = "NonIndexed";
    static final List<String> ACTIONS = List.of("Count", "FailIndex", "FailJob", "Ignore");
    static final List<String> EXIT_CODE_OPERATORS = List.of("In", "NotIn");
    static final List<String> CONDITION_STATUSES = List.of("False", "True", "Unknown");
    static final List<String> REPLACEMENT_POLICIES = List.of("Failed", "TerminatingOrFailed");

    private JobValidation() {
    }

    /**
     * Upstream {@code validateGeneratedSelector}: with a generated selector, the template must carry
     * the controller-uid and job-name labels and the selector must select them.
     */
    static void validateGeneratedSelector(Job job, boolean requirePrefixedLabels, FieldErrors errs) {
        JobSpec spec = job.getSpec();
        if (Boolean.TRUE.equals(spec.getManualSelector()) || spec.getSelector() == null) {
            return;
        }
        String uid = job.getMetadata().getUid() == null ? "" : job.getMetadata().getUid();
        String name = job.getMetadata().getName() == null ? "" : job.getMetadata().getName();
        if (uid.isEmpty()) {
            errs.required(FieldPath.of("metadata", "uid"), "");
        }
        FieldPath meta = FieldPath.of("spec", "template", "metadata");
        Map<String, String> labels = WorkloadValidation.templateLabels(spec.getTemplate());
        Map<String, String> expected = new java.util.HashMap<>();
        hasLabel(labels, meta, JobLabels.LEGACY_CONTROLLER_UID, uid, errs);
        hasLabel(labels, meta, JobLabels.LEGACY_JOB_NAME, name, errs);
        if (requirePrefixedLabels) {
            hasLabel(labels, meta, JobLabels.CONTROLLER_UID, uid, errs);
            hasLabel(labels, meta, JobLabels.JOB_NAME, name, errs);
            expected.put(JobLabels.CONTROLLER_UID, uid);
            expected.put(JobLabels.JOB_NAME, name);
        }
        expected.put(JobLabels.LEGACY_CONTROLLER_UID, uid);
        expected.put(JobLabels.LEGACY_JOB_NAME, name);
        WorkloadValidation.asSelector(spec.getSelector()).ifPresent(sel -> {
            if (!sel.matches(expected)) {
                errs.invalid(FieldPath.of("spec", "selector"), GoValue.labelSelector(spec.getSelector()),
                        "`selector` not auto-generated");
            }
        });
    }

    /** Upstream {@code ValidateHasLabel}. */
    private static void hasLabel(Map<String, String> labels, FieldPath meta, String key, String expected,
                                 FieldErrors errs) {
        FieldPath p = meta.child("labels").key(key);
        if (labels == null || !labels.containsKey(key)) {
            errs.required(p, expected);
        } else if (!expected.equals(labels.get(key))) {
            errs.invalid(p, GoValue.stringMap(labels), "must be '" + expected + "'");
        }
    }

    /** Upstream {@code ValidateJob} minus ObjectMeta (the registry's). */
    static FieldErrors validateJob(Job job, boolean requirePrefixedLabels) {
        FieldErrors errs = new FieldErrors();
        validateGeneratedSelector(job, requirePrefixedLabels, errs);
        validateJobSpecWithSelector(job.getSpec(), FieldPath.of("spec"), errs);
        JobSpec spec = job.getSpec();
        if (INDEXED.equals(spec.getCompletionMode()) && spec.getCompletions() != null && spec.getCompletions() > 0) {
            String name = job.getMetadata().getName() == null ? "" : job.getMetadata().getName();
            String maxHostname = name + "-" + (spec.getCompletions() - 1);
            if (!Dns.isDns1123Label(maxHostname).isEmpty()) {
                errs.invalid(FieldPath.of("metadata", "name"), name,
                        "will not able to create pod with invalid DNS label: " + maxHostname);
            }
        }
        return errs;
    }

    /** Upstream {@code ValidateJobSpec}: the spec plus a required, matching selector. */
    static void validateJobSpecWithSelector(JobSpec spec, FieldPath path, FieldErrors errs) {
        validateJobSpec(spec, path, errs);
        if (spec.getSelector() == null) {
            errs.required(path.child("selector"), "");
        } else {
            errs.addAll(PodTemplates.validateLabelSelector(spec.getSelector(), path.child("selector")));
        }
        WorkloadValidation.selectorMatchesLabels(spec.getSelector(), WorkloadValidation.templateLabels(spec.getTemplate()),
                path.child("template", "metadata", "labels"), errs);
    }

    /** Upstream {@code validateJobSpec}: everything but the selector (shared with CronJob job templates). */
    public static void validateJobSpec(JobSpec spec, FieldPath path, FieldErrors errs) {
        if (spec.getParallelism() != null) {
            nonNegative(spec.getParallelism(), path.child("parallelism"), errs);
        }
        if (spec.getCompletions() != null) {
            nonNegative(spec.getCompletions(), path.child("completions"), errs);
        }
        if (spec.getActiveDeadlineSeconds() != null) {
            nonNegative(spec.getActiveDeadlineSeconds(), path.child("activeDeadlineSeconds"), errs);
        }
        if (spec.getBackoffLimit() != null) {
            nonNegative(spec.getBackoffLimit(), path.child("backoffLimit"), errs);
        }
        if (spec.getTtlSecondsAfterFinished() != null) {
            nonNegative(spec.getTtlSecondsAfterFinished(), path.child("ttlSecondsAfterFinished"), errs);
        }
        if (spec.getBackoffLimitPerIndex() != null) {
            nonNegative(spec.getBackoffLimitPerIndex(), path.child("backoffLimitPerIndex"), errs);
        }
        if (spec.getMaxFailedIndexes() != null) {
            nonNegative(spec.getMaxFailedIndexes(), path.child("maxFailedIndexes"), errs);
            if (spec.getBackoffLimitPerIndex() == null) {
                errs.required(path.child("backoffLimitPerIndex"), "when maxFailedIndexes is specified");
            }
        }
        if (spec.getManagedBy() != null) {
            errs.addAll(FieldValidators.domainPrefixedPath(spec.getManagedBy(), path.child("managedBy")));
            if (spec.getManagedBy().length() > MAX_MANAGED_BY_LENGTH) {
                errs.tooLong(path.child("managedBy"), spec.getManagedBy(), MAX_MANAGED_BY_LENGTH);
            }
        }
        validateCompletionMode(spec, path, errs);
        if (spec.getPodFailurePolicy() != null) {
            validatePodFailurePolicy(spec, path.child("podFailurePolicy"), errs);
        }
        if (spec.getSuccessPolicy() != null) {
            if (!INDEXED.equals(spec.getCompletionMode())) {
                errs.invalid(path.child("successPolicy"), FieldError.OMIT, "requires indexed completion mode");
            } else {
                validateSuccessPolicy(spec, path.child("successPolicy"), errs);
            }
        }
        validatePodReplacementPolicy(spec, path.child("podReplacementPolicy"), errs);
        PodTemplateSpec template = spec.getTemplate() == null ? new PodTemplateSpec() : spec.getTemplate();
        errs.addAll(PodTemplates.validate(template, path.child("template")));
        String restart = template.getSpec() == null ? null : template.getSpec().getRestartPolicy();
        FieldPath rp = path.child("template", "spec", "restartPolicy");
        // The pod defaults turn an unset restartPolicy into Always, so both mean "not chosen".
        if (restart == null || restart.isEmpty() || "Always".equals(restart)) {
            errs.required(rp, "valid values: \"OnFailure\", \"Never\"");
        } else if (!"OnFailure".equals(restart) && !"Never".equals(restart)) {
            errs.notSupported(rp, restart, List.of("OnFailure", "Never"));
        } else if (spec.getPodFailurePolicy() != null && !"Never".equals(restart)) {
            errs.invalid(rp, restart, "only \"Never\" is supported when podFailurePolicy is specified");
        }
    }

    private static void validateCompletionMode(JobSpec spec, FieldPath path, FieldErrors errs) {
        String mode = spec.getCompletionMode();
        if (mode != null) {
            if (!NON_INDEXED.equals(mode) && !INDEXED.equals(mode)) {
                errs.notSupported(path.child("completionMode"), mode, List.of(NON_INDEXED, INDEXED));
            }
            if (INDEXED.equals(mode)) {
                Integer completions = spec.getCompletions();
                Integer parallelism = spec.getParallelism();
                Integer maxFailed = spec.getMaxFailedIndexes();
                if (completions == null) {
                    errs.required(path.child("completions"), "when completion mode is Indexed");
                }
                if (parallelism != null && parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
                    errs.invalid(path.child("parallelism"), parallelism, "must be less than or equal to "
                            + MAX_PARALLELISM_FOR_INDEXED_JOB + " when completion mode is Indexed");
                }
                if (completions != null && maxFailed != null && maxFailed > completions) {
                    errs.invalid(path.child("maxFailedIndexes"), maxFailed, "must be less than or equal to completions");
                }
                if (maxFailed != null && maxFailed > MAX_FAILED_INDEXES_FOR_INDEXED_JOB) {
                    errs.invalid(path.child("maxFailedIndexes"), maxFailed,
                            "must be less than or equal to " + MAX_FAILED_INDEXES_FOR_INDEXED_JOB);
                }
                if (completions != null && completions > COMPLETIONS_SOFT_LIMIT && spec.getBackoffLimitPerIndex() != null) {
                    if (maxFailed == null) {
                        errs.required(path.child("maxFailedIndexes"),
                                "must be specified when completions is above " + COMPLETIONS_SOFT_LIMIT);
                    }
                    String suffix = " when completions are above " + COMPLETIONS_SOFT_LIMIT
                            + " and used with backoff limit per index";
                    if (parallelism != null && parallelism > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS) {
                        errs.invalid(path.child("parallelism"), parallelism,
                                "must be less than or equal to " + PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS + suffix);
                    }
                    if (maxFailed != null && maxFailed > MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS) {
                        errs.invalid(path.child("maxFailedIndexes"), maxFailed,
                                "must be less than or equal to " + MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS + suffix);
                    }
                }
            }
        }
        if (mode == null || NON_INDEXED.equals(mode)) {
            if (spec.getBackoffLimitPerIndex() != null) {
                errs.invalid(path.child("backoffLimitPerIndex"), spec.getBackoffLimitPerIndex(),
                        "requires indexed completion mode");
            }
            if (spec.getMaxFailedIndexes() != null) {
                errs.invalid(path.child("maxFailedIndexes"), spec.getMaxFailedIndexes(), "requires indexed completion mode");
            }
        }
    }

    private static void validatePodFailurePolicy(JobSpec spec, FieldPath path, FieldErrors errs) {
        List<PodFailurePolicyRule> rules = nz(spec.getPodFailurePolicy().getRules());
        FieldPath rulesPath = path.child("rules");
        if (rules.size() > MAX_POD_FAILURE_POLICY_RULES) {
            errs.add(FieldError.tooMany(rulesPath.toString(), rules.size(), MAX_POD_FAILURE_POLICY_RULES));
        }
        Set<String> containerNames = new HashSet<>();
        PodTemplateSpec t = spec.getTemplate();
        if (t != null && t.getSpec() != null) {
            nz(t.getSpec().getContainers()).forEach(c -> containerNames.add(c.getName()));
            nz(t.getSpec().getInitContainers()).forEach(c -> containerNames.add(c.getName()));
        }
        for (int i = 0; i < rules.size(); i++) {
            validateRule(spec, rules.get(i), rulesPath.index(i), containerNames, errs);
        }
    }

    private static void validateRule(JobSpec spec, PodFailurePolicyRule rule, FieldPath path,
                                     Set<String> containerNames, FieldErrors errs) {
        FieldPath actionPath = path.child("action");
        String action = rule.getAction() == null ? "" : rule.getAction();
        if (action.isEmpty()) {
            errs.required(actionPath, "valid values: " + goQuotedList(ACTIONS));
        } else if ("FailIndex".equals(action)) {
            if (spec.getBackoffLimitPerIndex() == null) {
                errs.invalid(actionPath, action, "requires the backoffLimitPerIndex to be set");
            }
        } else if (!ACTIONS.contains(action)) {
            errs.notSupported(actionPath, action, ACTIONS);
        }
        if (rule.getOnExitCodes() != null) {
            validateOnExitCodes(rule.getOnExitCodes(), path.child("onExitCodes"), containerNames, errs);
        }
        List<PodFailurePolicyOnPodConditionsPattern> patterns = nz(rule.getOnPodConditions());
        if (!patterns.isEmpty()) {
            FieldPath pp = path.child("onPodConditions");
            if (patterns.size() > MAX_ON_POD_CONDITIONS_PATTERNS) {
                errs.add(FieldError.tooMany(pp.toString(), patterns.size(), MAX_ON_POD_CONDITIONS_PATTERNS));
            }
            for (int j = 0; j < patterns.size(); j++) {
                PodFailurePolicyOnPodConditionsPattern pattern = patterns.get(j);
                FieldPath patternPath = pp.index(j);
                errs.addAll(FieldValidators.qualifiedName(pattern.getType(), patternPath.child("type")));
                String status = pattern.getStatus() == null ? "" : pattern.getStatus();
                if (status.isEmpty()) {
                    errs.required(patternPath.child("status"), "valid values: " + goQuotedList(CONDITION_STATUSES));
                } else if (!CONDITION_STATUSES.contains(status)) {
                    errs.notSupported(patternPath.child("status"), status, CONDITION_STATUSES);
                }
            }
        }
        if (rule.getOnExitCodes() != null && !patterns.isEmpty()) {
            errs.invalid(path, FieldError.OMIT, "specifying both OnExitCodes and OnPodConditions is not supported");
        }
        if (rule.getOnExitCodes() == null && patterns.isEmpty()) {
            errs.invalid(path, FieldError.OMIT, "specifying one of OnExitCodes and OnPodConditions is required");
        }
    }

    private static void validateOnExitCodes(PodFailurePolicyOnExitCodesRequirement req, FieldPath path,
                                            Set<String> containerNames, FieldErrors errs) {
        String op = req.getOperator() == null ? "" : req.getOperator();
        if (op.isEmpty()) {
            errs.required(path.child("operator"), "valid values: " + goQuotedList(EXIT_CODE_OPERATORS));
        } else if (!EXIT_CODE_OPERATORS.contains(op)) {
            errs.notSupported(path.child("operator"), op, EXIT_CODE_OPERATORS);
        }
        if (req.getContainerName() != null && !containerNames.contains(req.getContainerName())) {
            errs.invalid(path.child("containerName"), req.getContainerName(),
                    "must be one of the container or initContainer names in the pod template");
        }
        List<Integer> values = nz(req.getValues());
        FieldPath vp = path.child("values");
        if (values.isEmpty()) {
            errs.invalid(vp, GoValue.int32Slice(values), "at least one value is required");
        } else if (values.size() > MAX_ON_EXIT_CODES_VALUES) {
            errs.add(FieldError.tooMany(vp.toString(), values.size(), MAX_ON_EXIT_CODES_VALUES));
        }
        boolean ordered = true;
        Set<Integer> seen = new HashSet<>();
        for (int j = 0; j < values.size(); j++) {
            int v = values.get(j);
            if ("In".equals(op) && v == 0) {
                errs.invalid(vp.index(j), v, "must not be 0 for the In operator");
            }
            if (!seen.add(v)) {
                errs.duplicate(vp.index(j), v);
            }
            if (j > 0 && values.get(j - 1) > v) {
                ordered = false;
            }
        }
        if (!ordered) {
            errs.invalid(vp, GoValue.int32Slice(values), "must be ordered");
        }
    }

    private static void validateSuccessPolicy(JobSpec spec, FieldPath path, FieldErrors errs) {
        List<SuccessPolicyRule> rules = nz(spec.getSuccessPolicy().getRules());
        FieldPath rulesPath = path.child("rules");
        if (rules.isEmpty()) {
            errs.required(rulesPath, "at least one rules must be specified when the successPolicy is specified");
        }
        if (rules.size() > MAX_SUCCESS_POLICY_RULES) {
            errs.add(FieldError.tooMany(rulesPath.toString(), rules.size(), MAX_SUCCESS_POLICY_RULES));
        }
        int completions = spec.getCompletions() == null ? 0 : spec.getCompletions();
        for (int i = 0; i < rules.size(); i++) {
            SuccessPolicyRule rule = rules.get(i);
            FieldPath rp = rulesPath.index(i);
            if (rule.getSucceededCount() == null && rule.getSucceededIndexes() == null) {
                errs.required(rp, "at least one of succeededCount or succeededIndexes must be specified");
            }
            int total = 0;
            if (rule.getSucceededIndexes() != null) {
                FieldPath ip = rp.child("succeededIndexes");
                if (rule.getSucceededIndexes().length() > MAX_SUCCEEDED_INDEXES_LENGTH) {
                    errs.tooLong(ip, rule.getSucceededIndexes(), MAX_SUCCEEDED_INDEXES_LENGTH);
                }
                try {
                    total = IndexIntervals.count(rule.getSucceededIndexes(), completions);
                } catch (IllegalArgumentException e) {
                    errs.invalid(ip, rule.getSucceededIndexes(), "error parsing succeededIndexes: " + e.getMessage());
                }
            }
            if (rule.getSucceededCount() != null) {
                int count = rule.getSucceededCount();
                FieldPath cp = rp.child("succeededCount");
                nonNegative(count, cp, errs);
                if (count > completions) {
                    errs.invalid(cp, count, "must be less than or equal to " + completions
                            + " (the number of specified completions)");
                }
                if (rule.getSucceededIndexes() != null && count > total) {
                    errs.invalid(cp, count, "must be less than or equal to " + total
                            + " (the number of indexes in the specified succeededIndexes field)");
                }
            }
        }
    }

    private static void validatePodReplacementPolicy(JobSpec spec, FieldPath path, FieldErrors errs) {
        String policy = spec.getPodReplacementPolicy();
        if (policy == null) {
            return;
        }
        if (spec.getPodFailurePolicy() != null) {
            if (!"Failed".equals(policy)) {
                errs.notSupported(path, policy, List.of("Failed"));
            }
        } else if (!REPLACEMENT_POLICIES.contains(policy)) {
            errs.notSupported(path, policy, REPLACEMENT_POLICIES);
        }
    }

    /** Go's {@code %q} of a string slice: {@code ["a" "b"]}. */
    static String goQuotedList(List<String> values) {
        return values.stream().map(FieldError::quote).collect(Collectors.joining(" ", "[", "]"));
    }

    private static <T> List<T> nz(List<T> l) {
        return l == null ? List.of() : l;
    }
}
