package io.kubeboot.apiserver.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kube-apiserver's request metrics: {@code apiserver_request_total} and
 * {@code apiserver_request_duration_seconds} (a histogram), labelled by verb, group, version,
 * resource, subresource, scope and (for the counter) code. Thread safe.
 */
@Component
public class RequestMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(RequestInfo ri, int code, long nanos) {
        String verb = metricVerb(ri);
        String scope = !ri.resourceRequest() ? "" : !ri.name().isEmpty() ? "resource"
                : !ri.namespace().isEmpty() ? "namespace" : "cluster";
        String resource = ri.resourceRequest() ? ri.resource() : "";
        String key = verb + '|' + ri.group() + '|' + ri.version() + '|' + resource + '|' + ri.subresource() + '|' + scope;
        counters.computeIfAbsent(key + '|' + code, k -> Counter.builder("apiserver_request_total")
                .description("Counter of apiserver requests broken out for each verb, group, version, resource, scope, component, and HTTP response code.")
                .tags("verb", verb, "group", ri.group(), "version", ri.version(), "resource", resource,
                        "subresource", ri.subresource(), "scope", scope, "component", "apiserver", "code", Integer.toString(code))
                .register(registry)).increment();
        if (!verb.equals("WATCH")) {
            timers.computeIfAbsent(key, k -> Timer.builder("apiserver_request_duration_seconds")
                    .description("Response latency distribution in seconds for each verb, group, version, resource, subresource, scope and component.")
                    .tags("verb", verb, "group", ri.group(), "version", ri.version(), "resource", resource,
                            "subresource", ri.subresource(), "scope", scope, "component", "apiserver")
                    .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(60))
                    .register(registry)).record(Duration.ofNanos(nanos));
        }
    }

    /** Upstream reports verbs in upper case, and list/watch by what they really were. */
    private static String metricVerb(RequestInfo ri) {
        if (!ri.resourceRequest()) {
            return ri.verb().toUpperCase();
        }
        return switch (ri.verb()) {
            case "create" -> "POST";
            case "update" -> "PUT";
            case "delete" -> "DELETE";
            case "deletecollection" -> "DELETE";
            case "watch" -> "WATCH";
            case "list" -> "LIST";
            case "get" -> "GET";
            case "patch" -> "PATCH";
            default -> ri.verb().toUpperCase();
        };
    }
}
