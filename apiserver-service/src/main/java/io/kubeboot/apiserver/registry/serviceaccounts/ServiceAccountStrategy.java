package io.kubeboot.apiserver.registry.serviceaccounts;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.stereotype.Component;

/**
 * ServiceAccounts: upstream validates only their ObjectMeta (DNS-1123 subdomain names), which the
 * registry does, so the type-specific checks are empty.
 */
@Component
public class ServiceAccountStrategy implements Strategy<ServiceAccount> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("", "v1", "serviceaccounts").orElseThrow();

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<ServiceAccount> type() {
        return ServiceAccount.class;
    }

    @Override
    public FieldErrors validate(ServiceAccount sa) {
        return new FieldErrors();
    }

    @Override
    public FieldErrors validateUpdate(ServiceAccount sa, ServiceAccount old) {
        return new FieldErrors();
    }
}
