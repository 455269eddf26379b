package io.kubeboot.controller.cloud.route;

import io.kubeboot.controller.cloud.provider.Route;
import io.kubeboot.controller.cloud.route.RoutePlanner.Action;
import io.kubeboot.controller.cloud.route.RoutePlanner.Creation;
import io.kubeboot.controller.cloud.route.RoutePlanner.NodeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases after upstream controllers/route route_controller_test.go TestReconcile (without node-address updates). */
class RoutePlannerTest {
    private static final List<String> CLUSTER = List.of("10.120.0.0/16", "a00:100::/24");

    private static NodeInfo node(String name, String... cidrs) {
        return new NodeInfo(name, "uid-" + name, List.of(cidrs));
    }

    private static Route route(String node, String cidr) {
        return new Route("r-" + node, node, cidr, false);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("2 nodes, routes already there",
                        List.of(node("n1", "10.120.0.0/24"), node("n2", "10.120.1.0/24")),
                        List.of(route("n1", "10.120.0.0/24"), route("n2", "10.120.1.0/24")),
                        List.of(), List.of(), Map.of("n1", true, "n2", true)),
                Arguments.of("2 nodes, one route missing",
                        List.of(node("n1", "10.120.0.0/24"), node("n2", "10.120.1.0/24")),
                        List.of(route("n1", "10.120.0.0/24")),
                        List.of(), List.of(new Creation("n2", "uid-n2", "10.120.1.0/24")), Map.of("n1", true, "n2", false)),
                Arguments.of("dual stack node, one family routed",
                        List.of(node("n1", "10.120.0.0/24", "a00:100::/64")),
                        List.of(route("n1", "10.120.0.0/24")),
                        List.of(), List.of(new Creation("n1", "uid-n1", "a00:100::/64")), Map.of("n1", false)),
                Arguments.of("stale route of a CIDR the node no longer has",
                        List.of(node("n1", "10.120.0.0/24")),
                        List.of(route("n1", "10.120.0.0/24"), route("n1", "10.120.5.0/24")),
                        List.of(route("n1", "10.120.5.0/24")), List.of(), Map.of("n1", true)),
                Arguments.of("route to an unknown node is deleted",
                        List.of(node("n1", "10.120.0.0/24")),
                        List.of(route("n1", "10.120.0.0/24"), route("gone", "10.120.9.0/24")),
                        List.of(route("gone", "10.120.9.0/24")), List.of(), Map.of("n1", true)),
                Arguments.of("routes outside the cluster CIDRs are left alone",
                        List.of(node("n1", "10.120.0.0/24")),
                        List.of(route("n1", "10.120.0.0/24"), route("gone", "192.168.0.0/24"), route("x", "not-a-cidr")),
                        List.of(), List.of(), Map.of("n1", true)),
                Arguments.of("blackhole route in range is deleted and created again",
                        List.of(node("n1", "10.120.0.0/24")),
                        List.of(new Route("r-n1", "n1", "10.120.0.0/24", true)),
                        List.of(new Route("r-n1", "n1", "10.120.0.0/24", true)), List.of(), Map.of("n1", true)),
                Arguments.of("node without podCIDR but with a route: route deleted, no route created",
                        List.of(node("n1")),
                        List.of(route("n1", "10.120.0.0/24")),
                        List.of(route("n1", "10.120.0.0/24")), List.of(), Map.of("n1", false)),
                Arguments.of("node without podCIDR and routes: no action",
                        List.of(node("n1")), List.of(), List.of(), List.of(), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(String name, List<NodeInfo> nodes, List<Route> routes, List<Route> deletes, List<Creation> creates,
               Map<String, Boolean> routesCreated) {
        RoutePlanner.Plan plan = new RoutePlanner(CLUSTER).plan(nodes, routes);
        assertThat(plan.toDelete()).containsExactlyInAnyOrderElementsOf(deletes);
        assertThat(plan.toCreate()).containsExactlyInAnyOrderElementsOf(creates);
        // actions of route targets that are not nodes never reach a node condition
        for (NodeInfo n : nodes) {
            assertThat(plan.actions().containsKey(n.name())).as(n.name()).isEqualTo(routesCreated.containsKey(n.name()));
        }
        routesCreated.forEach((n, created) ->
                assertThat(RoutePlanner.allRoutesCreated(plan.actions().get(n))).as(n).isEqualTo(created));
    }

    @org.junit.jupiter.api.Test
    void allRoutesCreatedNeedsAtLeastOneRouteAndNoAdds() {
        assertThat(RoutePlanner.allRoutesCreated(Map.of())).isFalse();
        assertThat(RoutePlanner.allRoutesCreated(Map.of("a", Action.KEEP, "b", Action.KEEP))).isTrue();
        assertThat(RoutePlanner.allRoutesCreated(Map.of("a", Action.KEEP, "b", Action.ADD))).isFalse();
    }
}
