package io.kubeboot.apiserver.registry.cronjobs;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.kubeboot.api.helpers.cron.CronSchedule;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.apiserver.registry.Strategy;
import io.kubeboot.apiserver.registry.jobs.JobStrategy;
import io.kubeboot.apiserver.registry.jobs.JobValidation;
import io.kubeboot.apiserver.registry.workloads.WorkloadValidation;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.nonNegative;

/**
 * batch/v1 CronJob, as upstream {@code pkg/registry/batch/cronjob/strategy.go} with
 * {@code SetDefaults_CronJob} and {@code ValidateCronJob*}. The job template gets the pod template
 * defaults only (upstream has no Job defaults for a {@code JobTemplateSpec}).
 */
@Component
public class CronJobStrategy implements Strategy<CronJob> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("batch", "v1", "cronjobs").orElseThrow();
    static final List<String> CONCURRENCY_POLICIES = List.of("Allow", "Forbid", "Replace");
    /** The controller appends an 11-character suffix to job names, which must stay DNS labels. */
    static final int MAX_NAME_LENGTH = Dns.DNS1035_LABEL_MAX_LENGTH - 11;
    private static final Pattern TZ_PART = Pattern.compile("^[A-Za-z.\\-_0-9+]{1,14}$");

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<CronJob> type() {
        return CronJob.class;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(CronJob cj) {
        CronJobSpec spec = spec(cj);
        if (spec.getConcurrencyPolicy() == null || spec.getConcurrencyPolicy().isEmpty()) {
            spec.setConcurrencyPolicy("Allow");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getSuccessfulJobsHistoryLimit() == null) {
            spec.setSuccessfulJobsHistoryLimit(3);
        }
        if (spec.getFailedJobsHistoryLimit() == null) {
            spec.setFailedJobsHistoryLimit(1);
        }
        JobSpec js = jobSpec(spec);
        JobStrategy.defaultPodConditionStatus(js);
        js.setTemplate(WorkloadValidation.defaultedTemplate(js.getTemplate()));
    }

    @Override
    public FieldErrors validate(CronJob cj) {
        FieldErrors errs = validateSpec(spec(cj), null, FieldPath.of("spec"));
        String name = cj.getMetadata() == null ? null : cj.getMetadata().getName();
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            errs.invalid(FieldPath.of("metadata", "name"), name, "must be no more than 52 characters");
        }
        return errs;
    }

    /** The 52-character name limit is skipped on update so old, longer-named CronJobs stay editable. */
    @Override
    public FieldErrors validateUpdate(CronJob cj, CronJob old) {
        return validateSpec(spec(cj), spec(old), FieldPath.of("spec"));
    }

    @Override
    public List<String> warningsOnCreate(CronJob cj) {
        List<String> warnings = new ArrayList<>();
        String name = cj.getMetadata() == null ? null : cj.getMetadata().getName();
        List<String> msgs = name == null ? List.of() : Dns.isDns1123Label(name);
        if (!msgs.isEmpty()) {
            warnings.add("metadata.name: this is used in Pod names and hostnames, which can result in surprising "
                    + "behavior; a DNS label is recommended: [" + String.join(" ", msgs) + "]");
        }
        String schedule = spec(cj).getSchedule();
        if (schedule != null && schedule.contains("TZ")) {
            warnings.add("cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        }
        return warnings;
    }

    /** Upstream {@code validateCronJobSpec}; {@code oldSpec} is null on create. */
    static FieldErrors validateSpec(CronJobSpec spec, CronJobSpec oldSpec, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String schedule = spec.getSchedule() == null ? "" : spec.getSchedule();
        FieldPath sp = path.child("schedule");
        if (schedule.isEmpty()) {
            errs.required(sp, "");
        } else {
            boolean allowTz = oldSpec != null && oldSpec.getSchedule() != null && oldSpec.getSchedule().contains("TZ");
            CronSchedule.parseError(schedule).ifPresent(e -> errs.invalid(sp, schedule, e));
            if (allowTz && schedule.contains("TZ") && spec.getTimeZone() != null) {
                errs.invalid(sp, schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule");
            } else if (!allowTz && schedule.contains("TZ")) {
                errs.invalid(sp, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
            }
        }
        if (spec.getStartingDeadlineSeconds() != null) {
            nonNegative(spec.getStartingDeadlineSeconds(), path.child("startingDeadlineSeconds"), errs);
        }
        if (oldSpec == null || !Objects.equals(oldSpec.getTimeZone(), spec.getTimeZone())) {
            validateTimeZone(spec.getTimeZone(), path.child("timeZone"), errs);
        }
        String policy = spec.getConcurrencyPolicy() == null ? "" : spec.getConcurrencyPolicy();
        if (policy.isEmpty()) {
            errs.required(path.child("concurrencyPolicy"), "");
        } else if (!CONCURRENCY_POLICIES.contains(policy)) {
            errs.notSupported(path.child("concurrencyPolicy"), policy, CONCURRENCY_POLICIES);
        }
        validateJobTemplate(spec.getJobTemplate(), path.child("jobTemplate"), errs);
        if (spec.getSuccessfulJobsHistoryLimit() != null) {
            nonNegative(spec.getSuccessfulJobsHistoryLimit(), path.child("successfulJobsHistoryLimit"), errs);
        }
        if (spec.getFailedJobsHistoryLimit() != null) {
            nonNegative(spec.getFailedJobsHistoryLimit(), path.child("failedJobsHistoryLimit"), errs);
        }
        return errs;
    }

    /** Upstream {@code ValidateJobTemplateSpec}: the selector is always generated, so it may not be set. */
    static void validateJobTemplate(JobTemplateSpec template, FieldPath path, FieldErrors errs) {
        JobSpec js = template == null || template.getSpec() == null ? new JobSpec() : template.getSpec();
        JobValidation.validateJobSpec(js, path.child("spec"), errs);
        if (js.getSelector() != null) {
            errs.invalid(path.child("spec", "selector"), GoValue.labelSelector(js.getSelector()),
                    "`selector` will be auto-generated");
        }
        if (Boolean.TRUE.equals(js.getManualSelector())) {
            errs.notSupported(path.child("spec", "manualSelector"), true, List.of("nil", "false"));
        }
    }

    /** Upstream {@code validateTimeZone}: an explicit IANA zone name. */
    static void validateTimeZone(String tz, FieldPath path, FieldErrors errs) {
        if (tz == null) {
            return;
        }
        if (tz.isEmpty()) {
            errs.invalid(path, tz, "timeZone must be nil or non-empty string");
            return;
        }
        for (String part : tz.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-") || !TZ_PART.matcher(part).matches()) {
                errs.invalid(path, tz, "unknown time zone " + tz);
                return;
            }
        }
        if (tz.equalsIgnoreCase("Local")) {
            errs.invalid(path, tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
        }
        CronSchedule.loadLocationError(tz).ifPresent(e -> errs.invalid(path, tz, e));
    }

    private static JobSpec jobSpec(CronJobSpec spec) {
        if (spec.getJobTemplate() == null) {
            spec.setJobTemplate(new JobTemplateSpec());
        }
        if (spec.getJobTemplate().getSpec() == null) {
            spec.getJobTemplate().setSpec(new JobSpec());
        }
        return spec.getJobTemplate().getSpec();
    }

    private static CronJobSpec spec(CronJob cj) {
        if (cj.getSpec() == null) {
            cj.setSpec(new CronJobSpec());
        }
        return cj.getSpec();
    }
}
