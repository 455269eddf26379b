package io.kubeboot.scheduler.queue;

import io.kubeboot.scheduler.framework.ClusterEvent;
import io.kubeboot.scheduler.framework.EnqueueExtensions;
import io.kubeboot.scheduler.framework.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.queue.QueueFixtures.NODE_ADD;
import static io.kubeboot.scheduler.queue.QueueFixtures.NODE_LABEL;
import static org.assertj.core.api.Assertions.assertThat;

/** Whether an event may help a rejected pod, after upstream's Test_isPodWorthRequeuing. */
class RequeueDeciderTest {
    private static final ClusterEvent NODE_UPDATE = ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.UPDATE);

    record Case(String name, Set<String> unschedulable, Set<String> pending, ClusterEvent event, Object newObj,
                Map<String, List<ClusterEvent>> registrations, QueueingStrategy expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static QueuedPodInfo pod(Set<String> unschedulable, Set<String> pending) {
        return QueuedPodInfo.of(TestPods.pod("pod1", "ns1", "1").info(), Instant.EPOCH).withRejectorPlugins(unschedulable, pending);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("return Skip when no plugin of the pod registered for the event", Set.of("fooPlugin1"), Set.of(),
                        NODE_ADD, null, Map.of("fooPlugin1", List.of(QueueEvents.ASSIGNED_POD_ADD)), QueueingStrategy.SKIP),
                new Case("return Queue when the pod has no rejector plugins", Set.of(), Set.of(),
                        NODE_ADD, null, Map.of(), QueueingStrategy.AFTER_BACKOFF),
                new Case("return Queue when the event is wildcard", Set.of("fooPlugin1"), Set.of(),
                        QueueEvents.UNSCHEDULABLE_TIMEOUT, null, Map.of(), QueueingStrategy.AFTER_BACKOFF),
                new Case("return Queue when the event is wildcard and the wildcard targets the pod to be requeued right now",
                        Set.of("fooPlugin1"), Set.of(), QueueEvents.FORCE_ACTIVATE, TestPods.pod("pod1", "ns1", "1").obj(),
                        Map.of(), QueueingStrategy.AFTER_BACKOFF),
                new Case("return Skip when the event is wildcard, but the wildcard targets a different pod",
                        Set.of("fooPlugin1"), Set.of(), QueueEvents.FORCE_ACTIVATE, TestPods.pod("pod-different", "ns2", "2").obj(),
                        Map.of(), QueueingStrategy.SKIP),
                new Case("interprets Queue from the Pending plugin as queueImmediately",
                        Set.of("fooPlugin1", "fooPlugin3"), Set.of("fooPlugin2"), NODE_ADD, null,
                        Map.of("fooPlugin1", List.of(NODE_ADD), "fooPlugin2", List.of(NODE_ADD), "fooPlugin3", List.of(NODE_ADD)),
                        QueueingStrategy.IMMEDIATELY),
                new Case("interprets Queue from the Unschedulable plugin as queueAfterBackoff",
                        Set.of("fooPlugin1", "fooPlugin2"), Set.of(), NODE_ADD, null,
                        Map.of("fooPlugin1", List.of(NODE_LABEL), "fooPlugin2", List.of(NODE_ADD)), QueueingStrategy.AFTER_BACKOFF),
                new Case("an unschedulable plugin does not make a pending pod immediate",
                        Set.of("fooPlugin1"), Set.of("fooPlugin2"), NODE_ADD, null,
                        Map.of("fooPlugin1", List.of(NODE_ADD), "fooPlugin2", List.of(NODE_LABEL)), QueueingStrategy.AFTER_BACKOFF),
                new Case("registration of a plugin that isn't in UnschedulablePlugins/PendingPlugins is ignored",
                        Set.of("fooPlugin1", "fooPlugin2"), Set.of(), NODE_ADD, null,
                        Map.of("fooPlugin1", List.of(NODE_LABEL), "fooPlugin2", List.of(NODE_LABEL), "fooPlugin3", List.of(NODE_ADD)),
                        QueueingStrategy.SKIP),
                new Case("a specific Node update event matches a registration for any Node update",
                        Set.of("fooPlugin1"), Set.of(), NODE_LABEL, null, Map.of("fooPlugin1", List.of(NODE_UPDATE)),
                        QueueingStrategy.AFTER_BACKOFF),
                new Case("a registration for Node updates does not match a Node add",
                        Set.of("fooPlugin1"), Set.of(), NODE_ADD, null, Map.of("fooPlugin1", List.of(NODE_UPDATE)),
                        QueueingStrategy.SKIP),
                new Case("a registration with '*' Resource matches the event of a specific Resource",
                        Set.of("fooPlugin1"), Set.of(), NODE_ADD, null,
                        Map.of("fooPlugin1", List.of(ClusterEvent.of(ClusterEvent.Resource.WILDCARD, ClusterEvent.ADD))),
                        QueueingStrategy.AFTER_BACKOFF),
                new Case("a wildcard registration matches all kinds of events",
                        Set.of("fooPlugin1"), Set.of(), ClusterEvent.of(ClusterEvent.Resource.NODE, ClusterEvent.UPDATE_NODE_LABEL | ClusterEvent.UPDATE_NODE_TAINT),
                        null, Map.of("fooPlugin1", List.of(ClusterEvent.of(ClusterEvent.Resource.WILDCARD, ClusterEvent.ALL))),
                        QueueingStrategy.AFTER_BACKOFF),
                new Case("a Pod registration matches assigned pod events",
                        Set.of("fooPlugin1"), Set.of(), QueueEvents.ASSIGNED_POD_ADD, null,
                        Map.of("fooPlugin1", List.of(ClusterEvent.of(ClusterEvent.Resource.POD, ClusterEvent.ALL))),
                        QueueingStrategy.AFTER_BACKOFF),
                new Case("a plugin missing from the registrations cares about every event",
                        Set.of("unknown"), Set.of(), NODE_ADD, null, Map.of(), QueueingStrategy.AFTER_BACKOFF));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decide(Case tc) {
        RequeueDecider decider = new RequeueDecider(new PluginEventRegistry(tc.registrations()));
        assertThat(decider.decide(pod(tc.unschedulable(), tc.pending()), tc.event(), null, tc.newObj())).isEqualTo(tc.expected());
    }

    @Test
    void inFlightVerdictIsTheStrongestOfTheEvents() {
        RequeueDecider decider = new RequeueDecider(new PluginEventRegistry(Map.of("u", List.of(NODE_ADD), "p", List.of(NODE_LABEL))));
        QueuedPodInfo pod = pod(Set.of("u"), Set.of("p"));
        List<InFlightTracker.Event> events = List.of(new InFlightTracker.Event(1, NODE_ADD, null, null),
                new InFlightTracker.Event(2, NODE_LABEL, null, null));

        assertThat(decider.decideForInFlight(pod, events)).isEqualTo(QueueingStrategy.IMMEDIATELY);
        assertThat(decider.decideForInFlight(pod, events.subList(0, 1))).isEqualTo(QueueingStrategy.AFTER_BACKOFF);
        assertThat(decider.decideForInFlight(pod, List.of())).isEqualTo(QueueingStrategy.SKIP);
        assertThat(decider.decideForInFlight(pod(Set.of(), Set.of()), List.of())).isEqualTo(QueueingStrategy.AFTER_BACKOFF);
    }

    record Registered(String name) implements Plugin, EnqueueExtensions {
        @Override
        public List<ClusterEvent> eventsToRegister() {
            return List.of(NODE_ADD);
        }
    }

    record Unregistered(String name) implements Plugin {
    }

    @Test
    void registrationsOfPluginsWithoutEnqueueExtensionsCoverAllEvents() {
        PluginEventRegistry registry = new PluginEventRegistry(PluginEventRegistry.of(List.of(new Registered("a"), new Unregistered("b"))));

        assertThat(registry.interested("a", NODE_ADD)).isTrue();
        assertThat(registry.interested("a", NODE_LABEL)).isFalse();
        assertThat(registry.interested("b", NODE_LABEL)).isTrue();
        assertThat(registry.anyInterested(QueueEvents.ASSIGNED_POD_ADD)).isTrue();
        assertThat(new PluginEventRegistry(Map.of("a", List.of(NODE_ADD))).anyInterested(NODE_LABEL)).isFalse();
    }
}
