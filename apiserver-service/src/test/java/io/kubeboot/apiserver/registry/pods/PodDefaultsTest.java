package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.*;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** After upstream's {@code pkg/apis/core/v1/defaults_test.go}. */
class PodDefaultsTest {

    private static PodSpec spec() {
        return new PodSpecBuilder()
                .addNewContainer().withName("c").withImage("nginx:1.27")
                .withResources(PodSpecValidationTest.resources(null, Map.of("cpu", "1")))
                .addNewPort().withContainerPort(80).endPort()
                .withNewLivenessProbe().withNewHttpGet().withPort(new IntOrString(80)).endHttpGet().endLivenessProbe()
                .addNewEnv().withName("NODE").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName").endFieldRef().endValueFrom().endEnv()
                .endContainer()
                .addNewVolume().withName("empty").endVolume()
                .addNewVolume().withName("secret").withNewSecret().withSecretName("s").endSecret().endVolume()
                .addNewVolume().withName("token").withNewProjected().addNewSource().withNewServiceAccountToken().withPath("t")
                .endServiceAccountToken().endSource().endProjected().endVolume()
                .build();
    }

    @Test
    void podSpecDefaults() {
        PodSpec s = spec();
        PodDefaults.applyPodSpecDefaults(s);
        Container c = s.getContainers().get(0);
        assertThat(c.getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/");
        assertThat(c.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThat(c.getLivenessProbe().getTimeoutSeconds()).isEqualTo(1);
        assertThat(c.getLivenessProbe().getPeriodSeconds()).isEqualTo(10);
        assertThat(c.getLivenessProbe().getSuccessThreshold()).isEqualTo(1);
        assertThat(c.getLivenessProbe().getFailureThreshold()).isEqualTo(3);
        assertThat(c.getEnv().get(0).getValueFrom().getFieldRef().getApiVersion()).isEqualTo("v1");
        assertThat(s.getVolumes().get(0).getEmptyDir()).isNotNull();
        assertThat(s.getVolumes().get(1).getSecret().getDefaultMode()).isEqualTo(420);
        assertThat(s.getVolumes().get(2).getProjected().getDefaultMode()).isEqualTo(420);
        assertThat(s.getVolumes().get(2).getProjected().getSources().get(0).getServiceAccountToken().getExpirationSeconds()).isEqualTo(3600L);
        assertThat(s.getSecurityContext()).isNotNull();
        assertThat(s.getEnableServiceLinks()).as("a Pod-only default").isNull();
        assertThat(c.getResources().getRequests()).as("requests default to limits only for Pods").isNullOrEmpty();
    }

    @Test
    void podOnlyDefaults() {
        Pod pod = new PodBuilder().withSpec(spec()).build();
        PodDefaults.applyPodDefaults(pod);
        assertThat(pod.getSpec().getEnableServiceLinks()).isTrue();
        assertThat(pod.getSpec().getContainers().get(0).getResources().getRequests()).containsKey("cpu");
    }

    @Test
    void idempotent() {
        Pod once = new PodBuilder().withSpec(spec()).build();
        PodDefaults.applyPodDefaults(once);
        Pod twice = new PodBuilder(once).build();
        PodDefaults.applyPodDefaults(twice);
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void deprecatedServiceAccountIsMirrored() {
        PodSpec s = spec();
        s.setServiceAccount("legacy");
        PodDefaults.applyPodSpecDefaults(s);
        assertThat(s.getServiceAccountName()).isEqualTo("legacy");
        s.setServiceAccountName("builder");
        PodDefaults.applyPodSpecDefaults(s);
        assertThat(s.getServiceAccount()).isEqualTo("builder");
    }
}
