package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.scheduler.framework.PluginException;
import io.kubeboot.scheduler.framework.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.node;
import static io.kubeboot.scheduler.plugins.noderesources.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cases upstream's {@code least_allocated_test.go} and {@code most_allocated_test.go} share, for both
 * strategies: invalid resource weights (the union of both tables) and a strategy without resources.
 * Also the args and extended resource both tables use.
 */
class ScoringStrategyArgsTest {
    static final String EXTENDED_RES = "abc.com/xyz";
    static final List<ResourceSpec> EXTENDED_RESOURCE_SET = List.of(
            new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1), new ResourceSpec(EXTENDED_RES, 1));

    static NodeResourcesFitArgs args(String type, List<ResourceSpec> resources) {
        return new NodeResourcesFitArgs(List.of(), List.of(), new NodeResourcesFitArgs.ScoringStrategy(type, resources, null));
    }

    static Stream<Arguments> invalidWeights() {
        return Stream.of(NodeResourcesFitArgs.LEAST_ALLOCATED, NodeResourcesFitArgs.MOST_ALLOCATED).flatMap(type -> Stream.of(
                Arguments.of(type, "resource with negative weight", List.of(new ResourceSpec("memory", -1), new ResourceSpec("cpu", 1)),
                        "scoringStrategy.resources[0].weight: Invalid value: -1: resource weight of memory not in valid range (0, 100]"),
                Arguments.of(type, "resource with zero weight", List.of(new ResourceSpec("memory", 1), new ResourceSpec("cpu", 0)),
                        "scoringStrategy.resources[1].weight: Invalid value: 0: resource weight of cpu not in valid range (0, 100]"),
                Arguments.of(type, "resource weight larger than MaxNodeScore", List.of(new ResourceSpec("memory", 1), new ResourceSpec("cpu", 101)),
                        "scoringStrategy.resources[1].weight: Invalid value: 101: resource weight of cpu not in valid range (0, 100]"),
                Arguments.of(type, "only resource weight larger than MaxNodeScore", List.of(new ResourceSpec("memory", 101)),
                        "scoringStrategy.resources[0].weight: Invalid value: 101: resource weight of memory not in valid range (0, 100]")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource
    void invalidWeights(String type, String name, List<ResourceSpec> resources, String message) {
        assertThatThrownBy(() -> new NodeResourcesFit(args(type, resources)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    /** "Resources not set, pods scheduled with error": only reachable without the v1 defaults. */
    @ParameterizedTest
    @ValueSource(strings = {NodeResourcesFitArgs.LEAST_ALLOCATED, NodeResourcesFitArgs.MOST_ALLOCATED})
    void noResourcesIsAnError(String type) {
        NodeResourcesFit p = new NodeResourcesFit(args(type, List.of()));
        assertThatThrownBy(() -> TestObjects.scores(p, pod().req("cpu", "1000").obj(),
                List.of(node("node1", "cpu", "4000", "memory", "10000")), List.of(), true))
                .isInstanceOfSatisfying(PluginException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.error("resources not found")));
    }
}
