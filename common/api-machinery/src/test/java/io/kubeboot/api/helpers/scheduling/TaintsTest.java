package io.kubeboot.api.helpers.scheduling;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Upstream k8s.io/api core/v1 toleration_test.go TestTolerationToleratesTaint and taint_test.go. */
class TaintsTest {

    private static Toleration tol(String key, String op, String value, String effect) {
        return new Toleration(effect, key, op, null, value);
    }

    private static Taint taint(String key, String value, String effect) {
        return new Taint(effect, key, null, value);
    }

    static Stream<Arguments> toleratesTaint() {
        return Stream.of(
                arguments("toleration and taint have the same key and effect, and operator is Exists, and taint has no value, expect tolerated",
                        tol("foo", "Exists", null, "NoSchedule"), taint("foo", null, "NoSchedule"), true),
                arguments("toleration and taint have the same key and effect, and operator is Exists, and taint has some value, expect tolerated",
                        tol("foo", "Exists", null, "NoSchedule"), taint("foo", "bar", "NoSchedule"), true),
                arguments("toleration and taint have the same effect, toleration has empty key and operator is Exists, means match all taints, expect tolerated",
                        tol("", "Exists", null, "NoSchedule"), taint("foo", "bar", "NoSchedule"), true),
                arguments("toleration and taint have the same key, effect and value, and operator is Equal, expect tolerated",
                        tol("foo", "Equal", "bar", "NoSchedule"), taint("foo", "bar", "NoSchedule"), true),
                arguments("toleration and taint have the same key and effect, but different values, and operator is Equal, expect not tolerated",
                        tol("foo", "Equal", "value1", "NoSchedule"), taint("foo", "value2", "NoSchedule"), false),
                arguments("toleration and taint have the same key and value, but different effects, and operator is Equal, expect not tolerated",
                        tol("foo", "Equal", "bar", "NoSchedule"), taint("foo", "bar", "NoExecute"), false),
                arguments("empty toleration effect matches every effect",
                        tol("foo", "Equal", "bar", null), taint("foo", "bar", "PreferNoSchedule"), true),
                arguments("empty operator means Equal",
                        tol("foo", null, "bar", "NoSchedule"), taint("foo", "bar", "NoSchedule"), true),
                arguments("an unknown operator tolerates nothing",
                        tol("foo", "Gt", "1", "NoSchedule"), taint("foo", "2", "NoSchedule"), false),
                arguments("different keys", tol("foo", "Exists", null, null), taint("bar", "x", "NoSchedule"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void toleratesTaint(String name, Toleration t, Taint taint, boolean want) {
        assertThat(Taints.toleratesTaint(t, taint)).isEqualTo(want);
    }

    @Test
    void findsTheFirstFilteredUntoleratedTaint() {
        List<Taint> taints = List.of(taint("soft", "x", "PreferNoSchedule"), taint("a", "1", "NoSchedule"),
                taint("b", "2", "NoExecute"));
        List<Toleration> tolerations = List.of(tol("a", "Equal", "1", "NoSchedule"));
        assertThat(Taints.findMatchingUntoleratedTaint(taints, tolerations, Taints.DO_NOT_SCHEDULE))
                .contains(taints.get(2));
        assertThat(Taints.findMatchingUntoleratedTaint(taints, tolerations, null)).contains(taints.get(0));
        assertThat(Taints.findMatchingUntoleratedTaint(taints, List.of(tol("", "Exists", null, null)), null))
                .isEqualTo(Optional.empty());
        assertThat(Taints.findMatchingUntoleratedTaint(null, null, null)).isEmpty();
    }

    static Stream<Arguments> taintToString() {
        return Stream.of(
                arguments(taint("foo", "bar", "NoSchedule"), "foo=bar:NoSchedule"),
                arguments(taint("foo", null, "NoSchedule"), "foo:NoSchedule"),
                arguments(taint("foo", null, null), "foo:"));
    }

    @ParameterizedTest
    @MethodSource
    void taintToString(Taint t, String want) {
        assertThat(Taints.toString(t)).isEqualTo(want);
    }

    @Test
    void matchTaintComparesKeyAndEffectOnly() {
        assertThat(Taints.matchTaint(taint("foo", "a", "NoSchedule"), taint("foo", "b", "NoSchedule"))).isTrue();
        assertThat(Taints.matchTaint(taint("foo", "a", "NoSchedule"), taint("foo", "a", "NoExecute"))).isFalse();
    }
}
