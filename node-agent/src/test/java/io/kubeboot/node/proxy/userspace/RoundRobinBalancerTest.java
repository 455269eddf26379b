package io.kubeboot.node.proxy.userspace;

import io.kubeboot.node.proxy.Endpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balancer, modelled on upstream's userspace roundrobin_test.go (round-robin order, ClientIP affinity that
 * holds within its timeout and expires after it, affinity dropped for removed endpoints, rotation restarting when
 * the endpoint set changes). Each case is a script of steps:
 * "update a,b,c sticky=N" sets endpoints (a = 10.0.0.a:80 style names) and the affinity timeout,
 * "next CLIENT -> X" expects endpoint X (or "none"), "reset CLIENT -> X" is a retry after a failed connect,
 * "advance S" moves the clock S seconds, "affinities N" expects N live affinities.
 */
class RoundRobinBalancerTest {
    record Case(String name, List<String> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no endpoints: nothing to choose", List.of("next c1 -> none", "update a sticky=0", "update  sticky=0",
                        "next c1 -> none")),
                new Case("round robin across clients and repeats", List.of("update a,b,c sticky=0",
                        "next c1 -> a", "next c1 -> b", "next c2 -> c", "next c1 -> a", "next c3 -> b", "affinities 0")),
                new Case("same endpoints again keep the rotation going", List.of("update a,b,c sticky=0",
                        "next c1 -> a", "update a,b,c sticky=0", "next c1 -> b")),
                new Case("a changed endpoint set restarts the rotation", List.of("update a,b,c sticky=0",
                        "next c1 -> a", "next c1 -> b", "update a,b,d sticky=0", "next c1 -> a")),
                new Case("ClientIP affinity pins each client", List.of("update a,b,c sticky=10",
                        "next c1 -> a", "next c2 -> b", "next c1 -> a", "next c1 -> a", "next c3 -> c", "next c2 -> b",
                        "affinities 3")),
                new Case("affinity expires after the timeout", List.of("update a,b sticky=10",
                        "next c1 -> a", "advance 9", "next c1 -> a", "advance 10", "affinities 0", "next c1 -> b")),
                new Case("each use restarts the affinity timeout", List.of("update a,b sticky=10",
                        "next c1 -> a", "advance 6", "next c1 -> a", "advance 6", "next c1 -> a", "advance 6", "next c1 -> a")),
                new Case("affinity to a removed endpoint is dropped, others kept", List.of("update a,b sticky=60",
                        "next c1 -> a", "next c2 -> b", "update b,c sticky=60", "affinities 1", "next c2 -> b",
                        "next c1 -> b", "next c3 -> c")),
                new Case("a retry after a failed connect chooses afresh and re-pins", List.of("update a,b,c sticky=60",
                        "next c1 -> a", "reset c1 -> b", "next c1 -> b")),
                new Case("turning affinity off or changing its timeout forgets affinities", List.of("update a,b sticky=60",
                        "next c1 -> a", "update a,b sticky=30", "affinities 0", "next c1 -> b", "update a,b sticky=0",
                        "next c1 -> a", "next c1 -> b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void script(Case c) {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        RoundRobinBalancer balancer = new RoundRobinBalancer(now::get);
        for (String step : c.steps()) {
            String[] w = step.split(" ", -1);
            switch (w[0]) {
                case "update" -> {
                    List<Endpoint> eps = new ArrayList<>();
                    for (String n : w[1].isEmpty() ? new String[0] : w[1].split(",")) {
                        eps.add(endpoint(n));
                    }
                    balancer.update(eps, Integer.parseInt(w[w.length - 1].substring("sticky=".length())));
                }
                case "next", "reset" -> {
                    String got = balancer.next(w[1], w[0].equals("reset")).map(e -> name(e)).orElse("none");
                    assertThat(got).as(step).isEqualTo(w[3]);
                }
                case "advance" -> now.addAndGet(TimeUnit.SECONDS.toNanos(Long.parseLong(w[1])));
                case "affinities" -> assertThat(balancer.affinityCount()).as(step).isEqualTo(Integer.parseInt(w[1]));
                default -> throw new IllegalArgumentException(step);
            }
        }
    }

    private static Endpoint endpoint(String n) {
        return new Endpoint("10.244.0." + (n.charAt(0) - 'a' + 1), 80, true, true, false, null);
    }

    private static String name(Endpoint e) {
        String[] octets = e.ip().split("\\.");
        return String.valueOf((char) ('a' + Integer.parseInt(octets[3]) - 1));
    }
}
