package io.kubeboot.apiserver.podlogs;

import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.validation.FieldError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding and {@code ValidatePodLogOptions}, with the cases of upstream's validation_test (TestValidatePodLogOptions). */
class PodLogOptionsTest {

    static Map<String, List<String>> query(String... kv) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            q.put(kv[i], List.of(kv[i + 1]));
        }
        return q;
    }

    record ValidCase(String name, Map<String, List<String>> query, List<String> errors) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ValidCase> validation() {
        return Stream.of(
                new ValidCase("empty", query(), List.of()),
                new ValidCase("tailLines 0", query("tailLines", "0"), List.of()),
                new ValidCase("negative tailLines", query("tailLines", "-1"),
                        List.of("tailLines: Invalid value: -1: must be greater than or equal to 0")),
                new ValidCase("limitBytes 1", query("limitBytes", "1"), List.of()),
                new ValidCase("limitBytes 0", query("limitBytes", "0"),
                        List.of("limitBytes: Invalid value: 0: must be greater than 0")),
                new ValidCase("sinceSeconds 10", query("sinceSeconds", "10"), List.of()),
                new ValidCase("sinceSeconds 0", query("sinceSeconds", "0"),
                        List.of("sinceSeconds: Invalid value: 0: must be greater than 0")),
                new ValidCase("sinceSeconds and sinceTime", query("sinceSeconds", "10", "sinceTime", "2024-01-02T03:04:05Z"),
                        List.of(": Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified")),
                new ValidCase("everything wrong", query("tailLines", "-2", "limitBytes", "-1", "sinceSeconds", "-5"),
                        List.of("tailLines: Invalid value: -2: must be greater than or equal to 0",
                                "limitBytes: Invalid value: -1: must be greater than 0",
                                "sinceSeconds: Invalid value: -5: must be greater than 0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validation")
    void validates(ValidCase c) {
        assertThat(PodLogOptions.parse(c.query()).validate()).map(FieldError::toString).isEqualTo(c.errors());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validation")
    void invalidOptionsAre422NamingThePod(ValidCase c) {
        PodLogOptions opts = PodLogOptions.parse(c.query());
        if (c.errors().isEmpty()) {
            opts.validateFor("p");
            return;
        }
        assertThatThrownBy(() -> opts.validateFor("p")).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.code()).isEqualTo(422);
            assertThat(e.getMessage()).startsWith("PodLogOptions \"p\" is invalid: ");
            assertThat(e.details().causes()).hasSize(c.errors().size());
        });
    }

    @org.junit.jupiter.api.Test
    void decodesAsTheParameterCodec() {
        PodLogOptions o = PodLogOptions.parse(query("container", "c", "follow", "true", "previous", "1",
                "timestamps", "yes", "tailLines", "2", "limitBytes", "100", "sinceTime", "2024-01-02T03:04:05+01:00",
                "insecureSkipTLSVerifyBackend", "false"));
        assertThat(o).isEqualTo(new PodLogOptions("c", true, true, null, Instant.parse("2024-01-02T02:04:05Z"), true,
                2L, 100L, false));
        // absent, "0" and "false" (any case) are false; anything else is true, as Convert_Slice_string_To_bool
        assertThat(PodLogOptions.parse(query("follow", "0")).follow()).isFalse();
        assertThat(PodLogOptions.parse(query("follow", "FALSE")).follow()).isFalse();
        assertThat(PodLogOptions.parse(query("follow", "")).follow()).isTrue();
        assertThat(PodLogOptions.parse(query()).container()).isEmpty();
    }

    record BadCase(String name, Map<String, List<String>> query, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadCase> undecodable() {
        return Stream.of(
                new BadCase("tailLines text", query("tailLines", "abc"), "strconv.ParseInt: parsing \"abc\": invalid syntax"),
                new BadCase("tailLines empty", query("tailLines", ""), "strconv.ParseInt: parsing \"\": invalid syntax"),
                new BadCase("limitBytes overflow", query("limitBytes", "99999999999999999999"),
                        "strconv.ParseInt: parsing \"99999999999999999999\": value out of range"),
                new BadCase("sinceTime not RFC 3339", query("sinceTime", "yesterday"),
                        "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodable")
    void undecodableQueryIs400(BadCase c) {
        assertThatThrownBy(() -> PodLogOptions.parse(c.query())).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.reason()).isEqualTo("BadRequest");
            assertThat(e.getMessage()).isEqualTo(c.message());
        });
    }
}
