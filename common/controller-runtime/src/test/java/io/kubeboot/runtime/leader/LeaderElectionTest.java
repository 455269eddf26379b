package io.kubeboot.runtime.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeboot.runtime.client.ClientSettings;
import io.kubeboot.runtime.client.KubeClients;
import org.junit.jupiter.api.AfterEach;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration checks as client-go's NewLeaderElector; callback dispatch; the status gauge. */
class LeaderElectionTest {
    /** Never connects: building an election makes no request. */
    private final KubernetesClient client = KubeClients.create(ClientSettings.defaults().withMasterUrl("http://127.0.0.1:1"));

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static Duration s(long n) {
        return Duration.ofSeconds(n);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((UnaryOperator<LeaderElection.Builder>) b -> b.leaseDuration(s(10)).renewDeadline(s(10)),
                        "leaseDuration must be greater than renewDeadline"),
                Arguments.of((UnaryOperator<LeaderElection.Builder>) b -> b.renewDeadline(s(10)).retryPeriod(Duration.ofMillis(8400)),
                        "renewDeadline must be greater than retryPeriod*JitterFactor"),
                Arguments.of((UnaryOperator<LeaderElection.Builder>) b -> b.leaseDuration(s(-1)),
                        "leaseDuration must be greater than renewDeadline"),
                Arguments.of((UnaryOperator<LeaderElection.Builder>) b -> b.retryPeriod(Duration.ZERO),
                        "retryPeriod must be greater than zero"),
                Arguments.of((UnaryOperator<LeaderElection.Builder>) b -> b.leaseDuration(s(3)).renewDeadline(Duration.ZERO).retryPeriod(s(-1)),
                        "renewDeadline must be greater than zero"),
                Arguments.of((UnaryOperator<LeaderElection.Builder>) b -> b.identity(""), "Lock identity is empty"),
                Arguments.of((UnaryOperator<LeaderElection.Builder>) b -> b.lease("kube-system", ""), "Lock must not be nil."));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void invalidConfigurations(UnaryOperator<LeaderElection.Builder> edit, String message) {
        LeaderElection.Builder b = LeaderElection.builder(client).lease("kube-system", "kube-scheduler");
        assertThatThrownBy(() -> edit.apply(b).build()).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void defaultsAreValidAndIdentityIsHostnameUnderscoreUuid() {
        LeaderElection e = LeaderElection.builder(client).lease("kube-system", "kube-scheduler").build();
        assertThat(e.identity()).matches(".+_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(e.isLeader()).isFalse();
        assertThat(e.isRunning()).isFalse();
        assertThat(LeaderElection.builder(client).lease("kube-system", "kube-scheduler").build().identity()).isNotEqualTo(e.identity());
    }

    @Test
    void callbacksRunOncePerTransitionInOrderAndTheGaugeFollows() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        LeaderCallbacksDispatcher d = new LeaderCallbacksDispatcher("t", () -> calls.add("started"), () -> calls.add("stopped"),
                id -> calls.add("leader " + id));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        io.micrometer.core.instrument.Gauge.builder("leader_election_master_status", d, c -> c.isLeader() ? 1 : 0)
                .tag("name", "t").register(registry);

        // fabric8 reports the stop both from its observer and from its stop path
        d.stoppedLeading();
        d.newLeader("me");
        d.startedLeading();
        assertThat(d.isLeader()).isTrue();
        assertThat(registry.get("leader_election_master_status").gauge().value()).isEqualTo(1.0);
        d.startedLeading();
        d.stoppedLeading();
        d.stoppedLeading();
        d.newLeader(null);
        d.newLeader("");
        assertThat(d.isLeader()).isFalse();
        assertThat(registry.get("leader_election_master_status").gauge().value()).isZero();
        d.shutDown();
        assertThat(calls).containsExactly("leader me", "started", "stopped");
    }

    @Test
    void aFailingCallbackDoesNotStopTheOthers() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        LeaderCallbacksDispatcher d = new LeaderCallbacksDispatcher("t", () -> {
            throw new IllegalStateException("boom");
        }, () -> calls.add("stopped"), id -> { });
        d.startedLeading();
        d.stoppedLeading();
        d.shutDown();
        assertThat(calls).containsExactly("stopped");
    }
}
