package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeboot.node.kubelet.KubeletException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kubeboot.node.kubelet.env.ServiceEnvTest.port;
import static io.kubeboot.node.kubelet.env.ServiceEnvTest.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cases of upstream kubelet_pods_test.go TestMakeEnvironmentVariables (same services, same expectations). */
class KubeletEnvironmentResolverTest {
    private static final List<String> KUBERNETES_VARS = List.of(
            "KUBERNETES_SERVICE_HOST=1.2.3.1", "KUBERNETES_SERVICE_PORT=8081", "KUBERNETES_PORT=tcp://1.2.3.1:8081",
            "KUBERNETES_PORT_8081_TCP=tcp://1.2.3.1:8081", "KUBERNETES_PORT_8081_TCP_PROTO=tcp",
            "KUBERNETES_PORT_8081_TCP_PORT=8081", "KUBERNETES_PORT_8081_TCP_ADDR=1.2.3.1");

    private final MapObjectLookup lookup = new MapObjectLookup()
            .service(service("kubernetes", "default", "1.2.3.1", port(null, 8081, "TCP")))
            .service(service("test", "test1", "1.2.3.3", port(null, 8083, "TCP")))
            .service(service("kubernetes", "test2", "1.2.3.4", port(null, 8084, "TCP")))
            .service(service("test", "test2", "1.2.3.5", port(null, 8085, "TCP")))
            .service(service("test", "test2", "None", port(null, 8085, "TCP")))
            .service(service("test", "test2", "", port(null, 8085, "TCP")))
            .service(service("not-special", "default", "1.2.3.8", port(null, 8088, "TCP")))
            .service(service("not-special", "default", "None", port(null, 8088, "TCP")))
            .service(service("not-special", "default", "", port(null, 8088, "TCP")))
            .configMap("test1", "test-configmap", Map.of("a", "b", "1234", "abc", "1z", "abc", "key", "value"))
            .secret("test1", "test-secret", Map.of("a", "b", "1234", "abc", "1z", "abc", "key.1", "value"))
            .node(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewStatus()
                    .withAllocatable(Map.of("cpu", new Quantity("6"), "memory", new Quantity("4Gi"))).endStatus().build());
    private final KubeletEnvironmentResolver resolver = new KubeletEnvironmentResolver(lookup, "node-1", "cluster.local");

    private static Pod pod(String ns, Boolean enableServiceLinks) {
        return new PodBuilder().withNewMetadata().withName("dapi-test-pod-name").withNamespace(ns).withUid("uid-1")
                .withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().withNodeName("node-name").withServiceAccountName("special")
                .withEnableServiceLinks(enableServiceLinks).endSpec().build();
    }

    private static EnvVar var(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar field(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef("v1", path).endValueFrom().build();
    }

    private static Container container(List<EnvVar> env, List<EnvFromSource> envFrom) {
        return new ContainerBuilder().withName("container").withEnv(env).withEnvFrom(envFrom).build();
    }

    private record Case(String name, String ns, Boolean serviceLinks, Container container, List<String> expected) {
    }

    @Test
    void environments() {
        List<String> withTestService = new ArrayList<>(List.of(
                "FOO=BAR", "TEST_SERVICE_HOST=1.2.3.3", "TEST_SERVICE_PORT=8083", "TEST_PORT=tcp://1.2.3.3:8083",
                "TEST_PORT_8083_TCP=tcp://1.2.3.3:8083", "TEST_PORT_8083_TCP_PROTO=tcp", "TEST_PORT_8083_TCP_PORT=8083",
                "TEST_PORT_8083_TCP_ADDR=1.2.3.3"));
        withTestService.addAll(KUBERNETES_VARS);
        List<String> fooAndKubernetes = new ArrayList<>(List.of("FOO=BAR"));
        fooAndKubernetes.addAll(KUBERNETES_VARS);
        List<String> test2 = new ArrayList<>(List.of(
                "FOO=BAR", "KUBERNETES_SERVICE_HOST=1.2.3.4", "KUBERNETES_SERVICE_PORT=8084",
                "KUBERNETES_PORT=tcp://1.2.3.4:8084", "KUBERNETES_PORT_8084_TCP=tcp://1.2.3.4:8084",
                "KUBERNETES_PORT_8084_TCP_PROTO=tcp", "KUBERNETES_PORT_8084_TCP_PORT=8084",
                "KUBERNETES_PORT_8084_TCP_ADDR=1.2.3.4", "TEST_SERVICE_HOST=1.2.3.5", "TEST_SERVICE_PORT=8085",
                "TEST_PORT=tcp://1.2.3.5:8085", "TEST_PORT_8085_TCP=tcp://1.2.3.5:8085", "TEST_PORT_8085_TCP_PROTO=tcp",
                "TEST_PORT_8085_TCP_PORT=8085", "TEST_PORT_8085_TCP_ADDR=1.2.3.5"));
        List<String> inDefault = new ArrayList<>(KUBERNETES_VARS);
        inDefault.addAll(List.of("NOT_SPECIAL_SERVICE_HOST=1.2.3.8", "NOT_SPECIAL_SERVICE_PORT=8088",
                "NOT_SPECIAL_PORT=tcp://1.2.3.8:8088", "NOT_SPECIAL_PORT_8088_TCP=tcp://1.2.3.8:8088",
                "NOT_SPECIAL_PORT_8088_TCP_PROTO=tcp", "NOT_SPECIAL_PORT_8088_TCP_PORT=8088",
                "NOT_SPECIAL_PORT_8088_TCP_ADDR=1.2.3.8"));

        List<Case> cases = List.of(
                new Case("api server = Y, kubelet = Y (service links default on)", "test1", null,
                        container(List.of(var("FOO", "BAR"), var("TEST_SERVICE_HOST", "1.2.3.3"),
                                var("TEST_SERVICE_PORT", "8083"), var("TEST_PORT", "tcp://1.2.3.3:8083"),
                                var("TEST_PORT_8083_TCP", "tcp://1.2.3.3:8083"), var("TEST_PORT_8083_TCP_PROTO", "tcp"),
                                var("TEST_PORT_8083_TCP_PORT", "8083"), var("TEST_PORT_8083_TCP_ADDR", "1.2.3.3")), List.of()),
                        withTestService),
                new Case("api server = N, kubelet = Y (services sorted by name)", "test1", true,
                        container(List.of(var("FOO", "BAR")), List.of()), concat(fooAndKubernetes, withTestService.subList(1, 8))),
                new Case("service links disabled: only the master service", "test1", false,
                        container(List.of(var("FOO", "BAR")), List.of()), fooAndKubernetes),
                new Case("master service in pod ns", "test2", true, container(List.of(var("FOO", "BAR")), List.of()), test2),
                new Case("master service in pod ns, service env vars disabled", "test2", false,
                        container(List.of(var("FOO", "BAR")), List.of()), fooAndKubernetes),
                new Case("pod in master service ns", "default", true, container(List.of(), List.of()), inDefault),
                new Case("downward api pod", "downward-api", false, container(List.of(
                        field("POD_NAME", "metadata.name"), field("POD_NAMESPACE", "metadata.namespace"),
                        field("POD_NODE_NAME", "spec.nodeName"), field("POD_SERVICE_ACCOUNT_NAME", "spec.serviceAccountName"),
                        field("POD_IP", "status.podIP"), field("POD_IPS", "status.podIPs"), field("HOST_IP", "status.hostIP"),
                        field("HOST_IPS", "status.hostIPs"), field("POD_UID", "metadata.uid"),
                        field("APP", "metadata.labels['app']")), List.of()),
                        concat(List.of("POD_NAME=dapi-test-pod-name", "POD_NAMESPACE=downward-api", "POD_NODE_NAME=node-name",
                                "POD_SERVICE_ACCOUNT_NAME=special", "POD_IP=1.2.3.4", "POD_IPS=1.2.3.4", "HOST_IP=127.0.0.1",
                                "HOST_IPS=127.0.0.1", "POD_UID=uid-1", "APP=web"), KUBERNETES_VARS)),
                new Case("env expansion", "test1", false, container(List.of(
                        var("TEST_LITERAL", "test-test-test"), field("POD_NAME", "metadata.name"),
                        var("OUT_OF_ORDER_TEST", "$(OUT_OF_ORDER_TARGET)"), var("OUT_OF_ORDER_TARGET", "FOO"),
                        var("EMPTY_VAR", null), var("EMPTY_TEST", "foo-$(EMPTY_VAR)"),
                        var("POD_NAME_TEST2", "test2-$(POD_NAME)"), var("POD_NAME_TEST3", "$(POD_NAME_TEST2)-3"),
                        var("LITERAL_TEST", "literal-$(TEST_LITERAL)"), var("TEST_UNDEFINED", "$(UNDEFINED_VAR)"),
                        var("SERVICE_REF", "$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)"),
                        var("ESCAPED", "$$(POD_NAME)")), List.of()),
                        concat(List.of("TEST_LITERAL=test-test-test", "POD_NAME=dapi-test-pod-name",
                                "OUT_OF_ORDER_TEST=$(OUT_OF_ORDER_TARGET)", "OUT_OF_ORDER_TARGET=FOO", "EMPTY_VAR=",
                                "EMPTY_TEST=foo-", "POD_NAME_TEST2=test2-dapi-test-pod-name",
                                "POD_NAME_TEST3=test2-dapi-test-pod-name-3", "LITERAL_TEST=literal-test-test-test",
                                "TEST_UNDEFINED=$(UNDEFINED_VAR)", "SERVICE_REF=1.2.3.1:8081", "ESCAPED=$(POD_NAME)"),
                                KUBERNETES_VARS)),
                new Case("configmap envFrom with prefix, invalid keys skipped, env overrides", "test1", false, container(
                        List.of(var("p_a", "override"), var("EXPANDED", "$(p_key)")),
                        List.of(new EnvFromSourceBuilder().withPrefix("p_").withNewConfigMapRef("test-configmap", false).build(),
                                new EnvFromSourceBuilder().withNewConfigMapRef("test-configmap", false).build())),
                        concat(List.of("p_1234=abc", "p_1z=abc", "p_a=override", "p_key=value", "a=b", "key=value",
                                "EXPANDED=value"), KUBERNETES_VARS)),
                new Case("secret envFrom, invalid keys skipped", "test1", false, container(List.of(),
                        List.of(new EnvFromSourceBuilder().withNewSecretRef("test-secret", false).build())),
                        concat(List.of("a=b", "key.1=value"), KUBERNETES_VARS)),
                new Case("optional missing sources are skipped", "test1", false, container(List.of(
                        new EnvVarBuilder().withName("CM").withNewValueFrom().withNewConfigMapKeyRef("missing", "nope", true).endValueFrom().build(),
                        new EnvVarBuilder().withName("CMKEY").withNewValueFrom().withNewConfigMapKeyRef("missing-key", "test-configmap", true).endValueFrom().build(),
                        new EnvVarBuilder().withName("S").withNewValueFrom().withNewSecretKeyRef("x", "nope", true).endValueFrom().build(),
                        new EnvVarBuilder().withName("SKEY").withNewValueFrom().withNewSecretKeyRef("key.1", "test-secret", true).endValueFrom().build()),
                        List.of(new EnvFromSourceBuilder().withNewConfigMapRef("nope", true).build(),
                                new EnvFromSourceBuilder().withNewSecretRef("nope", true).build())),
                        concat(List.of("SKEY=value"), KUBERNETES_VARS)),
                new Case("resourceFieldRef defaults to node allocatable", "test1", false, container(List.of(
                        new EnvVarBuilder().withName("CPU_LIMIT").withNewValueFrom().withResourceFieldRef(new io.fabric8.kubernetes.api.model.ResourceFieldSelector(null, null, "limits.cpu")).endValueFrom().build(),
                        new EnvVarBuilder().withName("MEMORY_LIMIT").withNewValueFrom().withResourceFieldRef(new io.fabric8.kubernetes.api.model.ResourceFieldSelector(null, new Quantity("1Mi"), "limits.memory")).endValueFrom().build()),
                        List.of()),
                        concat(List.of("CPU_LIMIT=6", "MEMORY_LIMIT=4096"), KUBERNETES_VARS)));

        for (Case c : cases) {
            assertThat(resolver.resolve(pod(c.ns(), c.serviceLinks()), c.container(), "1.2.3.4", "127.0.0.1"))
                    .as(c.name()).containsExactlyElementsOf(c.expected());
        }
    }

    private record ErrorCase(String name, EnvVar env, EnvFromSource from, String message) {
    }

    @Test
    void configErrors() {
        List<ErrorCase> cases = List.of(
                new ErrorCase("missing configmap", new EnvVarBuilder().withName("X").withNewValueFrom()
                        .withNewConfigMapKeyRef("a", "special-config", null).endValueFrom().build(), null,
                        "configmap \"special-config\" not found"),
                new ErrorCase("missing configmap key", new EnvVarBuilder().withName("X").withNewValueFrom()
                        .withNewConfigMapKeyRef("nope", "test-configmap", false).endValueFrom().build(), null,
                        "couldn't find key nope in ConfigMap test1/test-configmap"),
                new ErrorCase("missing secret", new EnvVarBuilder().withName("X").withNewValueFrom()
                        .withNewSecretKeyRef("a", "mysecret", null).endValueFrom().build(), null,
                        "secret \"mysecret\" not found"),
                new ErrorCase("missing secret key", new EnvVarBuilder().withName("X").withNewValueFrom()
                        .withNewSecretKeyRef("nope", "test-secret", false).endValueFrom().build(), null,
                        "couldn't find key nope in Secret test1/test-secret"),
                new ErrorCase("missing envFrom configmap", null,
                        new EnvFromSourceBuilder().withNewConfigMapRef("special-config", null).build(),
                        "configmap \"special-config\" not found"),
                new ErrorCase("missing envFrom secret", null,
                        new EnvFromSourceBuilder().withNewSecretRef("mysecret", false).build(), "secret \"mysecret\" not found"),
                new ErrorCase("unsupported field", field("X", "spec.containers"), null,
                        "field label not supported: spec.containers"));
        for (ErrorCase c : cases) {
            Container container = container(c.env() == null ? List.of() : List.of(c.env()),
                    c.from() == null ? List.of() : List.of(c.from()));
            assertThatThrownBy(() -> resolver.resolve(pod("test1", true), container, "1.2.3.4", "127.0.0.1"))
                    .as(c.name()).isInstanceOfSatisfying(KubeletException.class,
                            e -> assertThat(e.reason()).isEqualTo("CreateContainerConfigError"))
                    .hasMessage(c.message());
        }
    }

    @Test
    void lookupTroubleIsAConfigError() {
        ObjectLookup failing = new MapObjectLookup() {
            @Override
            public java.util.Optional<io.fabric8.kubernetes.api.model.ConfigMap> configMap(String namespace, String name) {
                throw new IllegalStateException("connection refused");
            }
        };
        Container c = container(List.of(new EnvVarBuilder().withName("X").withNewValueFrom()
                .withNewConfigMapKeyRef("a", "cm", null).endValueFrom().build()), List.of());
        assertThatThrownBy(() -> new KubeletEnvironmentResolver(failing, "n", "cluster.local").resolve(pod("ns", false), c, "", ""))
                .isInstanceOf(KubeletException.class).hasMessage("connection refused");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
