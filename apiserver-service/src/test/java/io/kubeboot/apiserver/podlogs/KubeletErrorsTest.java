package io.kubeboot.apiserver.podlogs;

import io.kubeboot.api.errors.StatusException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** The kubelet's error answers as upstream's GenericHttpResponseChecker turns them into Status errors. */
class KubeletErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "400 | previous terminated container \"c\" in pod \"p\" not found | BadRequest | previous terminated container \"c\" in pod \"p\" not found",
            "404 | pod \"p\" does not exist | NotFound | the server could not find the requested resource ( pods/log p)",
            "500 | boom | InternalError | Internal error occurred: boom",
            "403 | forbidden by kubelet | Forbidden | forbidden by kubelet ( pods/log p)",
            "503 | down | ServiceUnavailable | the server is currently unable to handle the request ( pods/log p)",
            "502 | bad gw | InternalError | an error on the server (\"bad gw\") has prevented the request from succeeding ( pods/log p)",
            "418 | teapot | '' | the server responded with the status code 418 but did not return more information ( pods/log p)",
    })
    void mapsTheKubeletAnswer(int code, String body, String reason, String message) {
        StatusException e = PodLogProxy.KubeletErrors.fromResponse(code, body, "p");
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "refused | dial tcp 127.0.0.1:1: connect: connection refused",
            "timeout | dial tcp 127.0.0.1:1: i/o timeout",
    })
    void anUnreachableKubeletIsGosUrlError(String kind, String why) {
        Throwable cause = kind.equals("refused") ? new ConnectException("Connection refused")
                : new io.netty.channel.ConnectTimeoutException("connection timed out");
        String url = "http://127.0.0.1:1/containerLogs/ns/p/c?follow=true";
        StatusException e = PodLogProxy.KubeletErrors.fromConnectFailure(url, cause);
        assertThat(e.code()).isEqualTo(500);
        assertThat(e.getMessage()).isEqualTo("Get \"" + url + "\": " + why);
    }
}
