package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.kubeboot.scheduler.framework.ClusterEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.framework.ClusterEvent.Resource.ASSIGNED_POD;
import static io.kubeboot.scheduler.framework.ClusterEvent.Resource.UNSCHEDULED_POD;
import static org.assertj.core.api.Assertions.assertThat;

/** The events of a pod update, after upstream's TestPodSchedulingPropertiesChange. */
class PodChangeEventsTest {

    record Case(String name, Pod oldPod, Pod newPod, List<ClusterEvent> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Pod base() {
        return TestPods.pod("p", "ns", "u").label("a", "1").cpu("2").obj();
    }

    static Stream<Case> cases() {
        Pod relabelled = new PodBuilder(base()).editMetadata().addToLabels("b", "2").endMetadata().build();
        Pod smaller = new PodBuilder(base()).editSpec().editFirstContainer().editResources()
                .addToRequests("cpu", new Quantity("1")).endResources().endContainer().endSpec().build();
        Pod bigger = new PodBuilder(base()).editSpec().editFirstContainer().editResources()
                .addToRequests("cpu", new Quantity("3")).endResources().endContainer().endSpec().build();
        Pod tolerating = new PodBuilder(base()).editSpec().addToTolerations(new TolerationBuilder().withKey("k")
                .withOperator("Exists").build()).endSpec().build();
        Pod annotated = new PodBuilder(base()).editMetadata().addToAnnotations("x", "y").endMetadata().build();
        Pod bound = new PodBuilder(relabelled).editSpec().withNodeName("node1").endSpec().build();
        return Stream.of(
                new Case("label change", base(), relabelled, List.of(ClusterEvent.of(UNSCHEDULED_POD, ClusterEvent.UPDATE_POD_LABEL))),
                new Case("request scaled down", base(), smaller, List.of(ClusterEvent.of(UNSCHEDULED_POD, ClusterEvent.UPDATE_POD_SCALE_DOWN))),
                new Case("request scaled up is a generic update", base(), bigger, List.of(ClusterEvent.of(UNSCHEDULED_POD, ClusterEvent.UPDATE_OTHER))),
                new Case("toleration added", base(), tolerating, List.of(ClusterEvent.of(UNSCHEDULED_POD, ClusterEvent.UPDATE_POD_TOLERATIONS))),
                new Case("annotation change is a generic update", base(), annotated, List.of(ClusterEvent.of(UNSCHEDULED_POD, ClusterEvent.UPDATE_OTHER))),
                new Case("label change and scale down of a bound pod", base(),
                        new PodBuilder(bound).editSpec().editFirstContainer().editResources().addToRequests("cpu", new Quantity("1"))
                                .endResources().endContainer().endSpec().build(),
                        List.of(ClusterEvent.of(ASSIGNED_POD, ClusterEvent.UPDATE_POD_LABEL), ClusterEvent.of(ASSIGNED_POD, ClusterEvent.UPDATE_POD_SCALE_DOWN))),
                new Case("no old pod", null, base(), List.of(ClusterEvent.of(UNSCHEDULED_POD, ClusterEvent.UPDATE_OTHER))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void events(Case tc) {
        assertThat(PodChangeEvents.of(tc.oldPod(), tc.newPod())).containsExactlyElementsOf(tc.want());
    }
}
