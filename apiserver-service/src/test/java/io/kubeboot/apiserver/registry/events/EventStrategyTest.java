package io.kubeboot.apiserver.registry.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.kubeboot.apiserver.registry.pods.Expect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.registry.pods.Expect.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** After upstream's {@code TestValidateEventForCoreV1Events}. */
class EventStrategyTest {
    private final EventStrategy strategy = new EventStrategy();

    private static Event event(String namespace, String involvedNamespace) {
        return new EventBuilder().withNewMetadata().withName("test1").withNamespace(namespace).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("p").withNamespace(involvedNamespace).endInvolvedObject()
                .withReason("Started").build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("same namespace", (Consumer<Event>) e -> { }, none()),
                arguments("namespace mismatch", (Consumer<Event>) e -> e.getInvolvedObject().setNamespace("bar"),
                        of(invalid("involvedObject.namespace"))),
                arguments("cluster-scoped object in default", (Consumer<Event>) e -> {
                    e.getMetadata().setNamespace("default");
                    e.getInvolvedObject().setNamespace(null);
                }, none()),
                arguments("cluster-scoped object elsewhere", (Consumer<Event>) e -> e.getInvolvedObject().setNamespace(null),
                        of(invalid("involvedObject.namespace"))),
                arguments("new-style event complete", (Consumer<Event>) e -> {
                    e.setEventTime(new MicroTime("2024-01-01T00:00:00.000000Z"));
                    e.setReportingComponent("kubelet");
                    e.setReportingInstance("node-1");
                    e.setAction("Pulling");
                }, none()),
                arguments("new-style event incomplete", (Consumer<Event>) e -> {
                    e.setEventTime(new MicroTime("2024-01-01T00:00:00.000000Z"));
                    e.setReason(null);
                }, of(required("reportingComponent"), invalid("reportingComponent"), invalid("reportingComponent"),
                        required("reportingInstance"), required("action"), required("reason"))),
                arguments("long reason", (Consumer<Event>) e -> {
                    e.setEventTime(new MicroTime("2024-01-01T00:00:00.000000Z"));
                    e.setReportingComponent("kubelet");
                    e.setReportingInstance("node-1");
                    e.setAction("Pulling");
                    e.setReason("r".repeat(129));
                }, of(invalid("reason"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, Consumer<Event> mutate, List<Expect> expected) {
        Event e = event("foo", "foo");
        mutate.accept(e);
        assertErrors(strategy.validate(e), expected);
        assertErrors(strategy.validateUpdate(e, e), expected);
    }

    @Test
    void namesArePathSegments() {
        assertThat(strategy.nameValidator().validate("pod.17a3b5c6d7e8f9", false)).isEmpty();
        assertThat(strategy.nameValidator().validate("Upper_Case:ok", false)).isEmpty();
        assertThat(strategy.nameValidator().validate("a/b", false)).containsExactly("may not contain '/'");
    }
}
