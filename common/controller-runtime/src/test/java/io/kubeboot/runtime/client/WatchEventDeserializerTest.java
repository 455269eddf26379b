package io.kubeboot.runtime.client;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** KubeClients' reading of watch events gives what fabric8's own reading gives, for every shape of event. */
class WatchEventDeserializerTest {
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final KubernetesSerialization OURS = KubeClients.serialization();

    private static final String POD_BODY = "\"metadata\":{\"name\":\"web-0\",\"namespace\":\"default\",\"uid\":\"u1\","
            + "\"resourceVersion\":\"42\",\"labels\":{\"app\":\"web\"},\"ownerReferences\":[{\"apiVersion\":\"apps/v1\","
            + "\"kind\":\"ReplicaSet\",\"name\":\"web\",\"uid\":\"u0\",\"controller\":true}]},"
            + "\"spec\":{\"nodeName\":\"node-1\",\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.14.2\","
            + "\"ports\":[{\"containerPort\":80}],\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"}}}],"
            + "\"tolerations\":[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\","
            + "\"tolerationSeconds\":300}]},\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\","
            + "\"status\":\"True\"}],\"podIP\":\"127.0.0.5\"}";

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("apiVersion and kind first", Pod.class,
                        "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\"," + POD_BODY + "}}"),
                Arguments.of("kind last", Pod.class,
                        "{\"type\":\"MODIFIED\",\"object\":{" + POD_BODY + ",\"apiVersion\":\"v1\",\"kind\":\"Pod\"}}"),
                Arguments.of("a field the model does not know", Pod.class,
                        "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"futureField\":{\"a\":[1,2]},"
                                + POD_BODY + "}}"),
                Arguments.of("type after object", Pod.class,
                        "{\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\"," + POD_BODY + "},\"type\":\"DELETED\"}"),
                Arguments.of("another group", Deployment.class,
                        "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":"
                                + "{\"name\":\"d\",\"generation\":3},\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":"
                                + "{\"app\":\"web\"}},\"strategy\":{\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":1}}}}}"),
                Arguments.of("an expired watch", Status.class,
                        "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                                + "\"status\":\"Failure\",\"message\":\"too old resource version: 1 (5)\",\"reason\":\"Expired\",\"code\":410}}"),
                Arguments.of("a bookmark", Pod.class,
                        "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":"
                                + "{\"resourceVersion\":\"12\",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}}}}"),
                Arguments.of("a kind no class is registered for", GenericKubernetesResource.class,
                        "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\","
                                + "\"metadata\":{\"name\":\"w\"},\"spec\":{\"size\":3}}}"),
                Arguments.of("no kind", null,
                        "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"x\"},\"data\":{\"k\":\"v\"}}}"),
                Arguments.of("a null object", null, "{\"type\":\"DELETED\",\"object\":null}"),
                Arguments.of("a field beside type and object", Pod.class,
                        "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\"," + POD_BODY + "},\"extra\":\"x\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void readsAsFabric8Does(String what, Class<?> expectedType, String json) {
        WatchEvent theirs = FABRIC8.unmarshal(json, WatchEvent.class);
        WatchEvent ours = OURS.unmarshal(json, WatchEvent.class);
        assertThat(ours).isEqualTo(theirs);
        assertThat(ours.getType()).isEqualTo(theirs.getType());
        assertThat(ours.getAdditionalProperties()).isEqualTo(theirs.getAdditionalProperties());
        if (expectedType != null) {
            assertThat(ours.getObject()).isInstanceOf(expectedType);
        }
        if (theirs.getObject() != null) {
            assertThat(ours.getObject()).hasSameClassAs(theirs.getObject()).isEqualTo(theirs.getObject());
        }
    }

    /** The parser is left where fabric8 leaves it: the events of a list of them are all read. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void leavesTheParserAfterTheEvent(String what, Class<?> expectedType, String json) {
        String two = "[" + json + "," + json + "]";
        WatchEvent[] ours = OURS.unmarshal(two, WatchEvent[].class);
        assertThat(ours).hasSize(2);
        assertThat(ours[1]).isEqualTo(FABRIC8.unmarshal(json, WatchEvent.class));
    }
}
