package io.kubeboot.controller.util;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases from upstream's toleration_test (ToleratesTaint), taints_test (AddOrUpdateTaint, TaintSetDiff) and helpers_test. */
class TaintsTest {
    private static Taint taint(String key, String value, String effect) {
        return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
    }

    private static Toleration tol(String key, String op, String value, String effect) {
        return new TolerationBuilder().withKey(key).withOperator(op).withValue(value).withEffect(effect).build();
    }

    static Stream<Arguments> toleratesCases() {
        Taint t = taint("foo", "bar", "NoSchedule");
        return Stream.of(
                Arguments.of("empty toleration with Exists tolerates everything", tol(null, "Exists", null, null), t, true),
                Arguments.of("same key, value, effect with Equal", tol("foo", "Equal", "bar", "NoSchedule"), t, true),
                Arguments.of("empty operator means Equal", tol("foo", null, "bar", "NoSchedule"), t, true),
                Arguments.of("different value", tol("foo", "Equal", "baz", "NoSchedule"), t, false),
                Arguments.of("different effect", tol("foo", "Equal", "bar", "NoExecute"), t, false),
                Arguments.of("empty effect matches all effects", tol("foo", "Equal", "bar", null), t, true),
                Arguments.of("Exists with key ignores value", tol("foo", "Exists", null, "NoSchedule"), t, true),
                Arguments.of("different key", tol("other", "Exists", null, null), t, false),
                Arguments.of("unknown operator tolerates nothing", tol("foo", "Gt", "bar", "NoSchedule"), t, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toleratesCases")
    void tolerates(String name, Toleration toleration, Taint taint, boolean expected) {
        assertThat(Taints.tolerates(toleration, taint)).isEqualTo(expected);
    }

    @Test
    void matchingTolerationsReturnsTheFirstTolerationPerTaintOrNothingWhenOneTaintIsNotTolerated() {
        Taint a = taint("a", null, "NoExecute");
        Taint b = taint("b", null, "NoExecute");
        Toleration ta = tol("a", "Exists", null, "NoExecute");
        Toleration all = tol(null, "Exists", null, null);

        assertThat(Taints.matchingTolerations(List.of(), List.of())).isEqualTo(new Taints.Matching(true, List.of()));
        assertThat(Taints.matchingTolerations(List.of(a), List.of())).isEqualTo(new Taints.Matching(false, List.of()));
        assertThat(Taints.matchingTolerations(List.of(a, b), List.of(ta))).isEqualTo(new Taints.Matching(false, List.of()));
        assertThat(Taints.matchingTolerations(List.of(a, b), List.of(ta, all))).isEqualTo(new Taints.Matching(true, List.of(ta, all)));
    }

    @Test
    void addOrUpdateAppendsReplacesByKeyAndEffectOrReportsNoChange() {
        Taint old = taint("k", "v1", "NoSchedule");
        Taint other = taint("k", "v1", "NoExecute");

        assertThat(Taints.addOrUpdate(List.of(old), taint("k", "v1", "NoSchedule"))).isEmpty();
        assertThat(Taints.addOrUpdate(List.of(old, other), taint("k", "v2", "NoSchedule")))
                .contains(List.of(taint("k", "v2", "NoSchedule"), other));
        assertThat(Taints.addOrUpdate(List.of(old), taint("x", null, "NoSchedule")))
                .contains(List.of(old, taint("x", null, "NoSchedule")));
        Taint stamped = new TaintBuilder(old).withTimeAdded("2024-01-01T00:00:00Z").build();
        assertThat(Taints.addOrUpdate(List.of(old), stamped)).as("a new timeAdded is a change").contains(List.of(stamped));
    }

    @Test
    void removeDropsEveryMatchingTaint() {
        assertThat(Taints.remove(List.of(taint("k", "a", "NoSchedule"), taint("k", "b", "NoExecute")), taint("k", null, "NoSchedule")))
                .containsExactly(taint("k", "b", "NoExecute"));
        assertThat(Taints.remove(null, taint("k", null, "NoSchedule"))).isEmpty();
    }

    @Test
    void diffMatchesByKeyAndEffectOnly() {
        Taints.Diff d = Taints.diff(List.of(taint("a", null, "NoSchedule"), taint("b", null, "NoSchedule")),
                List.of(taint("b", "x", "NoSchedule"), taint("c", null, "NoSchedule")));
        assertThat(d.toAdd()).containsExactly(taint("a", null, "NoSchedule"));
        assertThat(d.toRemove()).containsExactly(taint("c", null, "NoSchedule"));
        assertThat(Taints.diff(List.of(), List.of()).isEmpty()).isTrue();
    }
}
