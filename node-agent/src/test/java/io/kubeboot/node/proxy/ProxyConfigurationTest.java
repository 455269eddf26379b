package io.kubeboot.node.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.node.config.NodeAgentProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wiring: mode "off" creates no proxy (and needs no client); an unknown mode is a configuration error. */
class ProxyConfigurationTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NodeAgentProperties.class)
    static class Props {
    }

    @Test
    void modeOffStartsNothing() {
        new ApplicationContextRunner().withUserConfiguration(Props.class, ProxyConfiguration.class)
                .withPropertyValues("kubeboot.node.proxy.mode=off")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx).doesNotHaveBean(KubeProxy.class);
                    assertThat(ctx).doesNotHaveBean(KubernetesClient.class);
                });
    }

    @Test
    void unknownModeIsRejected() {
        NodeAgentProperties p = new NodeAgentProperties();
        p.getProxy().setMode("ipvs");
        assertThatThrownBy(() -> ProxyConfiguration.proxier(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kubeboot.node.proxy.mode: unknown mode \"ipvs\"; expected userspace, iptables or off");
    }

    @Test
    void nodeNameDefaultsToTheHostName() {
        NodeAgentProperties p = new NodeAgentProperties();
        assertThat(p.resolvedName()).isNotBlank();
        p.setName(" node-7 ");
        assertThat(p.resolvedName()).isEqualTo("node-7");
    }
}
