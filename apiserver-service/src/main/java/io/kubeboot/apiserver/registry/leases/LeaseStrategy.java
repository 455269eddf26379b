package io.kubeboot.apiserver.registry.leases;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * coordination.k8s.io/v1 Lease, as upstream {@code pkg/registry/coordination/lease/strategy.go} and
 * {@code ValidateLease*}. {@code strategy} and {@code preferredHolder} belong to the alpha
 * CoordinatedLeaderElection feature, off by default in 1.32, so they are dropped unless already set.
 */
@Component
public class LeaseStrategy implements Strategy<Lease> {
    private static final ResourceInfo INFO =
            BuiltinResources.get().byResource("coordination.k8s.io", "v1", "leases").orElseThrow();
    static final List<String> STRATEGIES = List.of("OldestEmulationVersion");

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<Lease> type() {
        return Lease.class;
    }

    @Override
    public void prepareForCreate(Lease lease) {
        if (lease.getSpec() != null) {
            lease.getSpec().setStrategy(null);
            lease.getSpec().setPreferredHolder(null);
        }
    }

    @Override
    public void prepareForUpdate(Lease lease, Lease old) {
        if (lease.getSpec() == null) {
            return;
        }
        if (old.getSpec() == null || old.getSpec().getStrategy() == null) {
            lease.getSpec().setStrategy(null);
        }
        if (old.getSpec() == null || old.getSpec().getPreferredHolder() == null) {
            lease.getSpec().setPreferredHolder(null);
        }
    }

    @Override
    public FieldErrors validate(Lease lease) {
        return validateSpec(lease.getSpec() == null ? new LeaseSpec() : lease.getSpec(), FieldPath.of("spec"));
    }

    @Override
    public FieldErrors validateUpdate(Lease lease, Lease old) {
        return validate(lease);
    }

    /** Upstream {@code ValidateLeaseSpec}. */
    static FieldErrors validateSpec(LeaseSpec spec, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (spec.getLeaseDurationSeconds() != null && spec.getLeaseDurationSeconds() <= 0) {
            errs.invalid(path.child("leaseDurationSeconds"), spec.getLeaseDurationSeconds(), "must be greater than 0");
        }
        if (spec.getLeaseTransitions() != null && spec.getLeaseTransitions() < 0) {
            errs.invalid(path.child("leaseTransitions"), spec.getLeaseTransitions(),
                    "must be greater than or equal to 0");
        }
        if (spec.getStrategy() != null) {
            validateStrategy(spec.getStrategy(), path.child("strategy"), errs);
        }
        String preferred = spec.getPreferredHolder();
        if (preferred != null && !preferred.isEmpty() && (spec.getStrategy() == null || spec.getStrategy().isEmpty())) {
            errs.forbidden(path.child("preferredHolder"), "may only be specified if `strategy` is defined");
        }
        return errs;
    }

    /** Upstream {@code ValidateCoordinatedLeaseStrategy}, including its doubled {@code strategy} path segment. */
    static void validateStrategy(String strategy, FieldPath path, FieldErrors errs) {
        FieldPath p = path.child("strategy");
        if (!strategy.contains("/")) {
            if (!STRATEGIES.contains(strategy)) {
                errs.notSupported(p, strategy, STRATEGIES);
            }
        } else {
            errs.addAll(FieldValidators.qualifiedName(strategy, p));
        }
    }

    /** PUT creates a missing object, as upstream allows for this type. */
    @Override
    public boolean allowCreateOnUpdate() {
        return true;
    }
}
