package io.kubeboot.scheduler.plugins.noderesources;

import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.scheduler.plugins.noderesources.NodeResourcesFitArgs.ScoringStrategy;
import io.kubeboot.scheduler.plugins.noderesources.NodeResourcesFitArgs.ShapePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Decoding of upstream's v1 {@code NodeResourcesFitArgs} JSON with {@code SetDefaults_NodeResourcesFitArgs},
 * and {@code ValidateNodeResourcesFitArgs} (cases of upstream's {@code validation_pluginargs_test.go}).
 */
class NodeResourcesFitArgsTest {

    @Test
    void emptyArgsDefaultToLeastAllocatedOverCpuAndMemory() {
        NodeResourcesFitArgs args = NodeResourcesFitArgs.fromMap(Map.of());
        assertThat(args.scoringStrategy()).isEqualTo(new ScoringStrategy("LeastAllocated", ResourceSpec.DEFAULTS, null));
        assertThat(args.ignoredResources()).isEmpty();
        assertThat(args.ignoredResourceGroups()).isEmpty();
    }

    @Test
    void decodesEveryField() {
        Map<String, Object> json = Map.of(
                "apiVersion", "kubescheduler.config.k8s.io/v1", "kind", "NodeResourcesFitArgs",
                "ignoredResources", List.of("example.com/foo"),
                "ignoredResourceGroups", List.of("example.org"),
                "scoringStrategy", Map.of(
                        "type", "RequestedToCapacityRatio",
                        "resources", List.of(Map.of("name", "intel.com/foo", "weight", 3), Map.of("name", "cpu", "weight", 0)),
                        "requestedToCapacityRatio", Map.of("shape", List.of(
                                Map.of("utilization", 0, "score", 0), Map.of("utilization", 100, "score", 10)))));
        NodeResourcesFitArgs args = NodeResourcesFitArgs.fromMap(json);
        assertThat(args).isEqualTo(new NodeResourcesFitArgs(List.of("example.com/foo"), List.of("example.org"),
                new ScoringStrategy("RequestedToCapacityRatio",
                        // a zero weight defaults to 1
                        List.of(new ResourceSpec("intel.com/foo", 3), new ResourceSpec("cpu", 1)),
                        List.of(new ShapePoint(0, 0), new ShapePoint(100, 10)))));
        assertThat(args.validate(FieldPath.of("")).isEmpty()).isTrue();
    }

    /** A strategy without resources gets cpu and memory; its type is not defaulted. */
    @Test
    void strategyWithoutResourcesGetsTheDefaults() {
        NodeResourcesFitArgs args = NodeResourcesFitArgs.fromMap(Map.of("scoringStrategy", Map.of("type", "MostAllocated")));
        assertThat(args.scoringStrategy()).isEqualTo(new ScoringStrategy("MostAllocated", ResourceSpec.DEFAULTS, null));
        assertThatThrownBy(() -> new NodeResourcesFit(Map.of("scoringStrategy", Map.of()), null))
                .hasMessage("scoringStrategy.type: Unsupported value: \"\": supported values: "
                        + "\"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(Map.of("ignoredResource", List.of()), "strict decoding error: unknown field \"ignoredResource\""),
                Arguments.of(Map.of("scoringStrategy", Map.of("typ", "x")), "strict decoding error: unknown field \"scoringStrategy.typ\""),
                Arguments.of(Map.of("scoringStrategy", Map.of("resources", List.of(Map.of("name", "cpu", "wieght", 1)))),
                        "strict decoding error: unknown field \"scoringStrategy.resources[0].wieght\""),
                Arguments.of(Map.of("ignoredResources", "example.com/foo"),
                        "cannot unmarshal example.com/foo into field \"ignoredResources\" of type array"),
                Arguments.of(Map.of("scoringStrategy", Map.of("resources", List.of(Map.of("name", "cpu", "weight", 1.5)))),
                        "cannot unmarshal 1.5 into field \"scoringStrategy.resources[0].weight\" of type int64"),
                Arguments.of(Map.of("scoringStrategy", Map.of("type", 1)), "cannot unmarshal 1 into field \"scoringStrategy.type\" of type string"));
    }

    @ParameterizedTest
    @MethodSource
    void malformed(Map<String, Object> json, String message) {
        assertThatThrownBy(() -> NodeResourcesFitArgs.fromMap(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static NodeResourcesFitArgs ignored(List<String> resources, List<String> groups) {
        return new NodeResourcesFitArgs(resources, groups, NodeResourcesFitArgs.defaults().scoringStrategy());
    }

    private static NodeResourcesFitArgs strategy(String type, List<ResourceSpec> resources, List<ShapePoint> shape) {
        return new NodeResourcesFitArgs(List.of(), List.of(), new ScoringStrategy(type, resources, shape));
    }

    private static NodeResourcesFitArgs shape(ShapePoint... points) {
        return strategy("RequestedToCapacityRatio", ResourceSpec.DEFAULTS, List.of(points));
    }

    static Stream<Arguments> validation() {
        return Stream.of(
                Arguments.of("IgnoredResources: too long value", ignored(List.of("a".repeat(64)), List.of()),
                        List.of(tuple(FieldError.Type.INVALID, "ignoredResources[0]"))),
                // an empty name part is both empty and not matching the name pattern, as IsQualifiedName says
                Arguments.of("IgnoredResources: name is empty", ignored(List.of("example.com/"), List.of()),
                        List.of(tuple(FieldError.Type.INVALID, "ignoredResources[0]"), tuple(FieldError.Type.INVALID, "ignoredResources[0]"))),
                Arguments.of("IgnoredResources: name has too many slash", ignored(List.of("example.com/aaa/bbb"), List.of()),
                        List.of(tuple(FieldError.Type.INVALID, "ignoredResources[0]"))),
                Arguments.of("IgnoredResources: valid args", ignored(List.of("example.com"), List.of()), List.of()),
                Arguments.of("IgnoredResourceGroups: valid args", ignored(List.of(), List.of("example.com")), List.of()),
                Arguments.of("IgnoredResourceGroups: illegal args", ignored(List.of(), List.of("example.com/")),
                        List.of(tuple(FieldError.Type.INVALID, "ignoredResourceGroups[0]"), tuple(FieldError.Type.INVALID, "ignoredResourceGroups[0]"),
                                tuple(FieldError.Type.INVALID, "ignoredResourceGroups[0]"))),
                Arguments.of("IgnoredResourceGroups: name is too long", ignored(List.of(), List.of("a".repeat(64))),
                        List.of(tuple(FieldError.Type.INVALID, "ignoredResourceGroups[0]"))),
                Arguments.of("IgnoredResourceGroups: name cannot be contain slash", ignored(List.of(), List.of("example.com/aa")),
                        List.of(tuple(FieldError.Type.INVALID, "ignoredResourceGroups[0]"))),
                Arguments.of("ScoringStrategy: type is unsupported", strategy("Invalid", ResourceSpec.DEFAULTS, null),
                        List.of(tuple(FieldError.Type.NOT_SUPPORTED, "scoringStrategy.type"))),
                Arguments.of("ScoringStrategy: weight out of range", strategy("MostAllocated", List.of(new ResourceSpec("cpu", 101)), null),
                        List.of(tuple(FieldError.Type.INVALID, "scoringStrategy.resources[0].weight"))),
                Arguments.of("RequestedToCapacityRatio: no shape points", shape(),
                        List.of(tuple(FieldError.Type.REQUIRED, "scoringStrategy.shape"))),
                Arguments.of("RequestedToCapacityRatio: no requestedToCapacityRatio", strategy("RequestedToCapacityRatio", ResourceSpec.DEFAULTS, null),
                        List.of(tuple(FieldError.Type.REQUIRED, "scoringStrategy.shape"))),
                Arguments.of("RequestedToCapacityRatio: utilization less than min", shape(new ShapePoint(-10, 1), new ShapePoint(10, 2)),
                        List.of(tuple(FieldError.Type.INVALID, "scoringStrategy.shape[0].utilization"))),
                Arguments.of("RequestedToCapacityRatio: utilization greater than max", shape(new ShapePoint(10, 1), new ShapePoint(110, 2)),
                        List.of(tuple(FieldError.Type.INVALID, "scoringStrategy.shape[1].utilization"))),
                Arguments.of("RequestedToCapacityRatio: utilization values in non-increasing order",
                        shape(new ShapePoint(30, 1), new ShapePoint(20, 2), new ShapePoint(10, 3)),
                        List.of(tuple(FieldError.Type.INVALID, "scoringStrategy.shape[1].utilization"))),
                Arguments.of("RequestedToCapacityRatio: duplicated utilization values",
                        shape(new ShapePoint(10, 1), new ShapePoint(20, 2), new ShapePoint(20, 3)),
                        List.of(tuple(FieldError.Type.INVALID, "scoringStrategy.shape[2].utilization"))),
                Arguments.of("RequestedToCapacityRatio: score less than min", shape(new ShapePoint(10, -1), new ShapePoint(20, 2)),
                        List.of(tuple(FieldError.Type.INVALID, "scoringStrategy.shape[0].score"))),
                Arguments.of("RequestedToCapacityRatio: score greater than max", shape(new ShapePoint(10, 1), new ShapePoint(20, 11)),
                        List.of(tuple(FieldError.Type.INVALID, "scoringStrategy.shape[1].score"))),
                Arguments.of("RequestedToCapacityRatio: valid shape", shape(new ShapePoint(10, 1), new ShapePoint(20, 2)), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void validation(String name, NodeResourcesFitArgs args, List<org.assertj.core.groups.Tuple> want) {
        assertThat(args.validate(FieldPath.of("")).list()).extracting(FieldError::type, FieldError::field)
                .containsExactlyElementsOf(want);
    }

    @Test
    void validationMessages() {
        assertThatThrownBy(() -> new NodeResourcesFit(shape(new ShapePoint(30, 11), new ShapePoint(20, 2))))
                .hasMessage("[scoringStrategy.shape[1].utilization: Invalid value: 20: utilization values must be sorted in increasing order, "
                        + "scoringStrategy.shape[0].score: Invalid value: 11: not in valid range [0, 10]]");
        assertThatThrownBy(() -> new NodeResourcesFit(ignored(List.of(), List.of("example.com/aa"))))
                .hasMessageStartingWith("ignoredResourceGroups[0]: Invalid value: \"example.com/aa\": resource group name can't contain '/'");
        assertThat(strategy("Invalid", ResourceSpec.DEFAULTS, null).validate(FieldPath.of("profiles[0]", "pluginConfig[1]", "args")).list())
                .extracting(FieldError::toString).containsExactly("profiles[0].pluginConfig[1].args.scoringStrategy.type: "
                        + "Unsupported value: \"Invalid\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"");
    }
}
