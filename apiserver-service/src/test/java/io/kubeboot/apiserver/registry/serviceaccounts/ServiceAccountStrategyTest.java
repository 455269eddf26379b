package io.kubeboot.apiserver.registry.serviceaccounts;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ServiceAccounts only get ObjectMeta validation upstream; names are DNS subdomains. */
class ServiceAccountStrategyTest {
    private final ServiceAccountStrategy strategy = new ServiceAccountStrategy();

    @Test
    void onlyNamesAreChecked() {
        ServiceAccount sa = new ServiceAccountBuilder().withNewMetadata().withName("build-bot").endMetadata()
                .addNewSecret().withName("anything").endSecret().build();
        assertThat(strategy.validate(sa).isEmpty()).isTrue();
        assertThat(strategy.validateUpdate(sa, sa).isEmpty()).isTrue();
        assertThat(strategy.nameValidator().validate("ci.bots", false)).isEmpty();
        assertThat(strategy.nameValidator().validate("CI", false)).isNotEmpty();
        assertThat(strategy.info().kind()).isEqualTo("ServiceAccount");
    }
}
