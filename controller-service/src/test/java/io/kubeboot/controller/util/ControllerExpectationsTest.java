package io.kubeboot.controller.util;

import io.kubeboot.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Ports of upstream's TestControllerExpectations and TestUIDExpectations. */
class ControllerExpectationsTest {

    @Test
    void expectationsAreSatisfiedWhenObservedSurpassedOrExpired() {
        ManualClock clock = new ManualClock();
        ControllerExpectations e = new ControllerExpectations(clock);
        String rc = "default/rc";
        int adds = 2;
        int dels = 10;
        e.setExpectations(rc, adds, dels);
        List<CompletableFuture<Void>> observers = new ArrayList<>();
        for (int i = 0; i < adds + 1; i++) {
            // one observation fewer than expected of each kind, observed concurrently
            final int n = i;
            observers.add(CompletableFuture.runAsync(() -> {
                if (n < adds - 1) {
                    e.creationObserved(rc);
                }
            }));
        }
        for (int i = 0; i < dels - 1; i++) {
            observers.add(CompletableFuture.runAsync(() -> e.deletionObserved(rc)));
        }
        observers.forEach(CompletableFuture::join);
        assertThat(e.satisfiedExpectations(rc)).as("one add and one del outstanding").isFalse();
        assertThat(e.getExpectations(rc)).contains(new ControllerExpectations.Counts(1, 1));

        e.creationObserved(rc);
        e.deletionObserved(rc);
        assertThat(e.satisfiedExpectations(rc)).as("all observed").isTrue();

        // surpassed expectations (negative counts) stay satisfied; raising back to zero too
        e.lowerExpectations(rc, 1, 1);
        assertThat(e.getExpectations(rc)).contains(new ControllerExpectations.Counts(-1, -1));
        assertThat(e.satisfiedExpectations(rc)).isTrue();
        e.raiseExpectations(rc, 1, 1);
        assertThat(e.satisfiedExpectations(rc)).isTrue();

        // new expectations replace the old ones and are unsatisfied until they expire
        e.setExpectations(rc, 1, 2);
        assertThat(e.satisfiedExpectations(rc)).isFalse();
        clock.step(ControllerExpectations.EXPECTATIONS_TIMEOUT);
        assertThat(e.satisfiedExpectations(rc)).as("exactly at the timeout").isFalse();
        clock.step(Duration.ofSeconds(1));
        assertThat(e.satisfiedExpectations(rc)).as("expired").isTrue();
    }

    @Test
    void noExpectationsMeansSatisfiedAndObservationsAreNoOps() {
        ControllerExpectations e = new ControllerExpectations(new ManualClock());
        e.creationObserved("ns/none");
        assertThat(e.getExpectations("ns/none")).isEmpty();
        assertThat(e.satisfiedExpectations("ns/none")).isTrue();
        e.expectCreations("ns/rs", 3);
        e.deleteExpectations("ns/rs");
        assertThat(e.satisfiedExpectations("ns/rs")).isTrue();
    }

    @Test
    void uidExpectationsCountEachExpectedDeletionOnce() {
        UidTrackingExpectations e = new UidTrackingExpectations(new ManualClock());
        record Rc(String key, List<String> pods) {
        }
        List<Rc> rcs = List.of(
                new Rc("ns/rc-0", List.of("ns/p0", "ns/p1", "ns/p2")),
                new Rc("ns/rc-1", List.of("ns/q0")),
                new Rc("ns/rc-2", List.of("ns/r0", "ns/r1")));
        for (Rc rc : rcs) {
            e.expectDeletions(rc.key(), rc.pods());
            assertThat(e.expectedDeletions(rc.key())).containsExactlyInAnyOrderElementsOf(rc.pods());
            assertThat(e.satisfiedExpectations(rc.key())).isFalse();
        }
        for (Rc rc : rcs) {
            for (String pod : rc.pods()) {
                e.deletionObserved(rc.key(), pod);
                // the graceful delete's second event (update, then delete) must not count again
                e.deletionObserved(rc.key(), pod);
            }
            assertThat(e.satisfiedExpectations(rc.key())).as(rc.key()).isTrue();
            assertThat(e.getExpectations(rc.key())).contains(new ControllerExpectations.Counts(0, 0));
        }
        e.expectDeletions("ns/rc-0", List.of("ns/p9"));
        e.deletionObserved("ns/rc-0", "ns/unexpected");
        assertThat(e.satisfiedExpectations("ns/rc-0")).as("an unexpected pod does not count").isFalse();
        e.deleteExpectations("ns/rc-0");
        assertThat(e.expectedDeletions("ns/rc-0")).as("uid expectations cleared").isEmpty();
        assertThat(e.getExpectations("ns/rc-0")).isEmpty();
    }
}
