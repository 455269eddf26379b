package io.kubeboot.controller.job;

import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRuleBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases of upstream's TestMatchSuccessPolicy (completions 10 unless said). */
class SuccessPoliciesTest {

    private static SuccessPolicyRule rule(String indexes, Integer count) {
        return new SuccessPolicyRuleBuilder().withSucceededIndexes(indexes).withSucceededCount(count).build();
    }

    private static SuccessPolicy policy(SuccessPolicyRule... rules) {
        return new SuccessPolicyBuilder().withRules(rules).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no policy", null, "0-2", null),
                Arguments.of("nothing succeeded", policy(rule(null, 1)), "", null),
                Arguments.of("indexes only: all succeeded", policy(rule("0-2", null)), "0-3", "Matched rules at index 0"),
                Arguments.of("indexes only: one missing", policy(rule("0-2", null)), "0,2", null),
                Arguments.of("count only: enough", policy(rule(null, 2)), "3,7", "Matched rules at index 0"),
                Arguments.of("count only: too few", policy(rule(null, 3)), "3,7", null),
                Arguments.of("indexes and count: enough of the indexes", policy(rule("0-4,8", 3)), "1,3,8", "Matched rules at index 0"),
                Arguments.of("indexes and count: succeeded outside the indexes do not count", policy(rule("0-4", 3)),
                        "1,3,5-9", null),
                Arguments.of("second rule met", policy(rule("0-1", null), rule(null, 1)), "5", "Matched rules at index 1"),
                Arguments.of("unparsable rule indexes are passed over", policy(rule("x", null), rule("5", null)), "5",
                        "Matched rules at index 1"),
                Arguments.of("indexes beyond completions are cut", policy(rule("8-20", null)), "8-9", "Matched rules at index 0"),
                Arguments.of("several intervals on both sides", policy(rule("0,2,4-6", null)), "0-2,4-6,9", "Matched rules at index 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void match(String name, SuccessPolicy policy, String succeeded, String message) {
        assertThat(SuccessPolicies.match(policy, 10, OrderedIntervals.parse(succeeded, 10))).isEqualTo(Optional.ofNullable(message));
    }
}
