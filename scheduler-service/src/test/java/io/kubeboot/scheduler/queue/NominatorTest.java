package io.kubeboot.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeboot.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.queue.QueueFixtures.highPriNominated;
import static io.kubeboot.scheduler.queue.QueueFixtures.highPriority;
import static io.kubeboot.scheduler.queue.QueueFixtures.medPriority;
import static io.kubeboot.scheduler.queue.QueueFixtures.nonExistent;
import static io.kubeboot.scheduler.queue.QueueFixtures.scheduled;
import static io.kubeboot.scheduler.queue.QueueFixtures.unschedulable;
import static org.assertj.core.api.Assertions.assertThat;

/** Nominations, after upstream's TestPriorityQueue_UpdateNominatedPodForNode and TestPriorityQueue_NominatedPodDeleted. */
class NominatorTest {

    /** The informer's pods: everything the tests nominate except nonExistent, with scheduled bound. */
    private static Nominator.PodLister lister(Pod... pods) {
        Map<String, Pod> byKey = new HashMap<>();
        for (Pod p : pods) {
            byKey.put(PodInfo.key(p), p);
        }
        return (ns, name) -> byKey.get(ns + "/" + name);
    }

    @Test
    void overrideUpdateAndDeleteNominations() {
        Nominator n = new Nominator(lister(medPriority(), unschedulable(), highPriority(), scheduled()));
        n.addNominatedPod(PodInfo.of(medPriority()), null);
        // nominate on nodes other than the pods' status says
        n.addNominatedPod(PodInfo.of(unschedulable()), "node5");
        n.addNominatedPod(PodInfo.of(highPriority()), "node2");
        assertThat(n.snapshot()).isEqualTo(Map.of("node1", List.of("mppns2"), "node2", List.of("hppns1"), "node5", List.of("upns1")));

        n.addNominatedPod(PodInfo.of(highPriority()), "node4");
        Map<String, List<String>> want = Map.of("node1", List.of("mppns2"), "node4", List.of("hppns1"), "node5", List.of("upns1"));
        assertThat(n.snapshot()).isEqualTo(want);

        // a pod the informer does not have is not nominated
        n.addNominatedPod(PodInfo.of(nonExistent()), "node1");
        assertThat(n.snapshot()).isEqualTo(want);
        // nor is a pod the informer sees bound, even if our copy is not
        Pod stale = new PodBuilder(scheduled()).editSpec().withNodeName(null).endSpec().build();
        n.addNominatedPod(PodInfo.of(stale), "node1");
        assertThat(n.snapshot()).isEqualTo(want);

        n.deleteNominatedPodIfExists(highPriority());
        assertThat(n.snapshot()).isEqualTo(Map.of("node1", List.of("mppns2"), "node5", List.of("upns1")));
        assertThat(n.nominatedNodeFor("hppns1")).isNull();
        assertThat(n.nominatedNodeFor("upns1")).isEqualTo("node5");
    }

    record AddCase(String name, Pod pod, boolean deleted, int wantLen) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<AddCase> addCases() {
        return Stream.of(
                new AddCase("alive pod gets added into PodNominator", medPriority(), false, 1),
                new AddCase("deleted pod shouldn't be added into PodNominator", highPriNominated(), true, 0),
                new AddCase("pod without .status.nominatedPodName specified shouldn't be added into PodNominator", highPriority(), false, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addCases")
    void nominatesAfterStatusWhenPodIsAlive(AddCase tc) {
        Nominator n = new Nominator(tc.deleted() ? lister() : lister(tc.pod()));
        n.addNominatedPod(PodInfo.of(tc.pod()), null);
        String node = tc.pod().getStatus().getNominatedNodeName();
        assertThat(n.nominatedPodsForNode(node == null ? "" : node)).hasSize(tc.wantLen());
    }

    record UpdateCase(String name, Pod oldPod, Pod newPod, String inMemory, String wantNode) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Pod nominatedTo(String node) {
        return new PodBuilder(highPriority()).editStatus().withNominatedNodeName(node).endStatus().build();
    }

    static Stream<UpdateCase> updateCases() {
        return Stream.of(
                new UpdateCase("an update without nominatedNodeName keeps the in-memory nomination", highPriority(), highPriority(), "node3", "node3"),
                new UpdateCase("nominatedNodeName added by the update is used", highPriority(), nominatedTo("node1"), "node3", "node1"),
                new UpdateCase("nominatedNodeName changed by the update is used", nominatedTo("node1"), nominatedTo("node2"), "node1", "node2"),
                new UpdateCase("nominatedNodeName removed by the update ends the nomination", nominatedTo("node1"), highPriority(), "node1", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCases")
    void updateNominatedPod(UpdateCase tc) {
        Nominator n = new Nominator();
        n.addNominatedPod(PodInfo.of(tc.oldPod()), tc.inMemory());

        n.updateNominatedPod(tc.oldPod(), PodInfo.of(tc.newPod()));

        assertThat(n.nominatedNodeFor("hppns1")).isEqualTo(tc.wantNode());
        if (tc.wantNode() != null) {
            assertThat(n.nominatedPodsForNode(tc.wantNode())).extracting(PodInfo::pod).containsExactly(tc.newPod());
        }
    }

    @Test
    void emptyNodeNameClearsTheNomination() {
        Nominator n = new Nominator();
        n.addNominatedPod(PodInfo.of(highPriority()), "node1");
        n.addNominatedPod(PodInfo.of(highPriority()), "");
        assertThat(n.snapshot()).isEmpty();
        assertThat(n.nominatedPodsForNode("")).isEmpty();
    }
}
