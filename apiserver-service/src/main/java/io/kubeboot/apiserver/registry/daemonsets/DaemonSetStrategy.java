package io.kubeboot.apiserver.registry.daemonsets;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.apiserver.registry.Strategy;
import io.kubeboot.apiserver.registry.workloads.PodTemplates;
import io.kubeboot.apiserver.registry.workloads.WorkloadValidation;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.intOr;
import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.intOrPercentValue;
import static io.kubeboot.apiserver.registry.workloads.WorkloadValidation.nonNegative;

/**
 * apps/v1 DaemonSet, as upstream {@code pkg/registry/apps/daemonset/strategy.go} with
 * {@code SetDefaults_DaemonSet} and {@code ValidateDaemonSet*}.
 *
 * <p>The internal {@code spec.templateGeneration} is carried in apps/v1 by the
 * {@value #TEMPLATE_GENERATION} annotation, which is therefore server-controlled: 1 on create, and
 * incremented whenever the pod template changes.
 */
@Component
public class DaemonSetStrategy implements Strategy<DaemonSet> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("apps", "v1", "daemonsets").orElseThrow();
    public static final String TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";
    static final String ROLLING_UPDATE = "RollingUpdate";
    static final String ON_DELETE = "OnDelete";

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<DaemonSet> type() {
        return DaemonSet.class;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void prepareForCreate(DaemonSet ds) {
        long tg = templateGeneration(ds);
        setTemplateGeneration(ds, Math.max(tg, 1));
    }

    @Override
    public void prepareForUpdate(DaemonSet ds, DaemonSet old) {
        long oldTg = templateGeneration(old);
        boolean templateChanged = !WorkloadValidation.semanticEqual(spec(ds).getTemplate(), spec(old).getTemplate());
        setTemplateGeneration(ds, templateChanged ? oldTg + 1 : oldTg);
    }

    @Override
    public void applyDefaults(DaemonSet ds) {
        DaemonSetSpec spec = spec(ds);
        if (spec.getUpdateStrategy() == null) {
            spec.setUpdateStrategy(new DaemonSetUpdateStrategy());
        }
        DaemonSetUpdateStrategy us = spec.getUpdateStrategy();
        if (us.getType() == null || us.getType().isEmpty()) {
            us.setType(ROLLING_UPDATE);
        }
        if (ROLLING_UPDATE.equals(us.getType())) {
            if (us.getRollingUpdate() == null) {
                us.setRollingUpdate(new RollingUpdateDaemonSet());
            }
            if (us.getRollingUpdate().getMaxUnavailable() == null) {
                us.getRollingUpdate().setMaxUnavailable(new IntOrString(1));
            }
            if (us.getRollingUpdate().getMaxSurge() == null) {
                us.getRollingUpdate().setMaxSurge(new IntOrString(0));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        spec.setTemplate(WorkloadValidation.defaultedTemplate(spec.getTemplate()));
    }

    @Override
    public FieldErrors validate(DaemonSet ds) {
        return validateSpec(spec(ds), templateGeneration(ds), FieldPath.of("spec"));
    }

    @Override
    public FieldErrors validateUpdate(DaemonSet ds, DaemonSet old) {
        FieldErrors errs = validateSpec(spec(ds), templateGeneration(ds), FieldPath.of("spec"));
        // apps/v1 forbids changing the selector (extensions/v1beta1 allowed it; not served here).
        WorkloadValidation.immutableSelector(spec(ds).getSelector(), spec(old).getSelector(),
                FieldPath.of("spec", "selector"), errs);
        return errs;
    }

    @Override
    public FieldErrors validateStatusUpdate(DaemonSet ds, DaemonSet old) {
        DaemonSetStatus s = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
        FieldPath p = FieldPath.of("status");
        FieldErrors errs = new FieldErrors();
        nonNegative(intOr(s.getCurrentNumberScheduled(), 0), p.child("currentNumberScheduled"), errs);
        nonNegative(intOr(s.getNumberMisscheduled(), 0), p.child("numberMisscheduled"), errs);
        nonNegative(intOr(s.getDesiredNumberScheduled(), 0), p.child("desiredNumberScheduled"), errs);
        nonNegative(intOr(s.getNumberReady(), 0), p.child("numberReady"), errs);
        nonNegative(s.getObservedGeneration() == null ? 0 : s.getObservedGeneration(), p.child("observedGeneration"), errs);
        nonNegative(intOr(s.getUpdatedNumberScheduled(), 0), p.child("updatedNumberScheduled"), errs);
        nonNegative(intOr(s.getNumberAvailable(), 0), p.child("numberAvailable"), errs);
        nonNegative(intOr(s.getNumberUnavailable(), 0), p.child("numberUnavailable"), errs);
        if (s.getCollisionCount() != null) {
            nonNegative(s.getCollisionCount(), p.child("collisionCount"), errs);
        }
        Integer before = old.getStatus() == null ? null : old.getStatus().getCollisionCount();
        Integer now = s.getCollisionCount();
        WorkloadValidation.collisionCountNotDecremented(now, before, p.child("collisionCount"), errs);
        return errs;
    }

    /** Upstream {@code ValidateDaemonSetSpec}. */
    static FieldErrors validateSpec(DaemonSetSpec spec, long templateGeneration, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        errs.addAll(PodTemplates.validateLabelSelector(spec.getSelector(), path.child("selector")));
        PodTemplateSpec template = spec.getTemplate() == null ? new PodTemplateSpec() : spec.getTemplate();
        WorkloadValidation.selectorMatchesLabels(spec.getSelector(), WorkloadValidation.templateLabels(template),
                path.child("template", "metadata", "labels"), errs);
        if (spec.getSelector() != null && WorkloadValidation.isEmpty(spec.getSelector())) {
            errs.invalid(path.child("selector"), GoValue.labelSelector(spec.getSelector()),
                    "empty selector is invalid for daemonset");
        }
        WorkloadValidation.controllerPodTemplate(template, path.child("template"), "DaemonSet", errs);
        nonNegative(intOr(spec.getMinReadySeconds(), 0), path.child("minReadySeconds"), errs);
        nonNegative(templateGeneration, path.child("templateGeneration"), errs);
        validateUpdateStrategy(spec.getUpdateStrategy(), path.child("updateStrategy"), errs);
        if (spec.getRevisionHistoryLimit() != null) {
            nonNegative(spec.getRevisionHistoryLimit(), path.child("revisionHistoryLimit"), errs);
        }
        return errs;
    }

    /** Upstream {@code ValidateDaemonSetUpdateStrategy}. */
    static void validateUpdateStrategy(DaemonSetUpdateStrategy strategy, FieldPath path, FieldErrors errs) {
        DaemonSetUpdateStrategy s = strategy == null ? new DaemonSetUpdateStrategy() : strategy;
        String type = s.getType() == null ? "" : s.getType();
        switch (type) {
            case ON_DELETE -> {
            }
            case ROLLING_UPDATE -> {
                if (s.getRollingUpdate() == null) {
                    errs.required(path.child("rollingUpdate"), "");
                } else {
                    validateRollingUpdate(s.getRollingUpdate(), path.child("rollingUpdate"), errs);
                }
            }
            default -> errs.notSupported(path, GoValue.typedStrategy("apps.DaemonSetUpdateStrategy", type,
                    "apps.RollingUpdateDaemonSet", s.getRollingUpdate() != null), List.of(ROLLING_UPDATE, ON_DELETE));
        }
    }

    /** Upstream {@code ValidateRollingUpdateDaemonSet}: exactly one of maxSurge and maxUnavailable is non-zero. */
    static void validateRollingUpdate(RollingUpdateDaemonSet ru, FieldPath path, FieldErrors errs) {
        IntOrString maxUnavailable = ru.getMaxUnavailable() == null ? new IntOrString(0) : ru.getMaxUnavailable();
        IntOrString maxSurge = ru.getMaxSurge() == null ? new IntOrString(0) : ru.getMaxSurge();
        WorkloadValidation.positiveIntOrPercent(maxUnavailable, path.child("maxUnavailable"), errs);
        WorkloadValidation.positiveIntOrPercent(maxSurge, path.child("maxSurge"), errs);
        WorkloadValidation.notMoreThan100Percent(maxUnavailable, path.child("maxUnavailable"), errs);
        WorkloadValidation.notMoreThan100Percent(maxSurge, path.child("maxSurge"), errs);
        boolean hasUnavailable = intOrPercentValue(maxUnavailable) != 0;
        boolean hasSurge = intOrPercentValue(maxSurge) != 0;
        if (hasUnavailable && hasSurge) {
            errs.invalid(path.child("maxSurge"), GoValue.intOrString(maxSurge),
                    "may not be set when maxUnavailable is non-zero");
        } else if (!hasUnavailable && !hasSurge) {
            errs.required(path.child("maxUnavailable"), "cannot be 0 when maxSurge is 0");
        }
    }

    /** The template generation from the apps/v1 annotation; 0 when absent or not a number. */
    static long templateGeneration(DaemonSet ds) {
        ObjectMeta m = ds.getMetadata();
        String v = m == null || m.getAnnotations() == null ? null : m.getAnnotations().get(TEMPLATE_GENERATION);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void setTemplateGeneration(DaemonSet ds, long value) {
        if (ds.getMetadata() == null) {
            ds.setMetadata(new ObjectMeta());
        }
        Map<String, String> ann = ds.getMetadata().getAnnotations() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(ds.getMetadata().getAnnotations());
        ann.put(TEMPLATE_GENERATION, Long.toString(value));
        ds.getMetadata().setAnnotations(ann);
    }

    private static DaemonSetSpec spec(DaemonSet ds) {
        if (ds.getSpec() == null) {
            ds.setSpec(new DaemonSetSpec());
        }
        return ds.getSpec();
    }
}
