package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream envvars_test.go TestFromServices. */
class ServiceEnvTest {
    static Service service(String name, String ns, String clusterIp, ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withSelector(Map.of("bar", "baz")).withClusterIP(clusterIp).withPorts(ports).endSpec().build();
    }

    static ServicePort port(String name, int port, String protocol) {
        return new ServicePortBuilder().withName(name).withPort(port).withProtocol(protocol).build();
    }

    @Test
    void fromServicesAsUpstream() {
        List<Service> services = List.of(
                service("foo-bar", "", "1.2.3.4", port(null, 8080, "TCP")),
                service("abc-123", "", "5.6.7.8", port("u-d-p", 8081, "UDP"), port("t-c-p", 8081, "TCP")),
                service("q-u-u-x", "", "9.8.7.6", port(null, 8082, "TCP"), port("8083", 8083, "TCP")),
                service("svrc-clusterip-none", "", "None", port(null, 8082, "TCP")),
                service("svrc-clusterip-empty", "", "", port(null, 8082, "TCP")));

        List<String> vars = new ArrayList<>();
        ServiceEnv.fromServices(services).forEach((k, v) -> vars.add(k + "=" + v));

        assertThat(vars).containsExactly(
                "FOO_BAR_SERVICE_HOST=1.2.3.4",
                "FOO_BAR_SERVICE_PORT=8080",
                "FOO_BAR_PORT=tcp://1.2.3.4:8080",
                "FOO_BAR_PORT_8080_TCP=tcp://1.2.3.4:8080",
                "FOO_BAR_PORT_8080_TCP_PROTO=tcp",
                "FOO_BAR_PORT_8080_TCP_PORT=8080",
                "FOO_BAR_PORT_8080_TCP_ADDR=1.2.3.4",
                "ABC_123_SERVICE_HOST=5.6.7.8",
                "ABC_123_SERVICE_PORT=8081",
                "ABC_123_SERVICE_PORT_U_D_P=8081",
                "ABC_123_SERVICE_PORT_T_C_P=8081",
                "ABC_123_PORT=udp://5.6.7.8:8081",
                "ABC_123_PORT_8081_UDP=udp://5.6.7.8:8081",
                "ABC_123_PORT_8081_UDP_PROTO=udp",
                "ABC_123_PORT_8081_UDP_PORT=8081",
                "ABC_123_PORT_8081_UDP_ADDR=5.6.7.8",
                "ABC_123_PORT_8081_TCP=tcp://5.6.7.8:8081",
                "ABC_123_PORT_8081_TCP_PROTO=tcp",
                "ABC_123_PORT_8081_TCP_PORT=8081",
                "ABC_123_PORT_8081_TCP_ADDR=5.6.7.8",
                "Q_U_U_X_SERVICE_HOST=9.8.7.6",
                "Q_U_U_X_SERVICE_PORT=8082",
                "Q_U_U_X_SERVICE_PORT_8083=8083",
                "Q_U_U_X_PORT=tcp://9.8.7.6:8082",
                "Q_U_U_X_PORT_8082_TCP=tcp://9.8.7.6:8082",
                "Q_U_U_X_PORT_8082_TCP_PROTO=tcp",
                "Q_U_U_X_PORT_8082_TCP_PORT=8082",
                "Q_U_U_X_PORT_8082_TCP_ADDR=9.8.7.6",
                "Q_U_U_X_PORT_8083_TCP=tcp://9.8.7.6:8083",
                "Q_U_U_X_PORT_8083_TCP_PROTO=tcp",
                "Q_U_U_X_PORT_8083_TCP_PORT=8083",
                "Q_U_U_X_PORT_8083_TCP_ADDR=9.8.7.6");
    }

    @Test
    void namesAreUpperCasedWithUnderscores() {
        assertThat(ServiceEnv.envVariableName("my-svc-2")).isEqualTo("MY_SVC_2");
    }
}
