package io.kubeboot.apiserver.podlogs;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.apiserver.config.ApiServerProperties;
import io.kubeboot.apiserver.registry.ObjectCodec;
import io.kubeboot.apiserver.registry.Registries;
import io.kubeboot.apiserver.registry.Registry;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}, as upstream's LogREST and LocationStreamer: decodes and
 * validates the options, finds the container and the node's kubelet, then streams the kubelet's
 * {@code /containerLogs} answer back as {@code text/plain}, flushing every chunk when following. A pod not yet
 * bound to a node answers 204 with no body (upstream's null location). The kubelet's error answers become Status
 * errors as upstream's {@code GenericHttpResponseChecker} makes them. Only node addresses of this machine are
 * contacted ({@link NodeAddressGuard}). Thread safe.
 */
@Component
public class PodLogProxy {
    /** Upstream's cap on the error body read from the kubelet. */
    static final int MAX_ERROR_BODY = 50_000;

    private final Registry<?> pods;
    private final Registry<?> nodes;
    private final List<String> preferredAddressTypes;
    private final NodeAddressGuard guard;
    private final WebClient client;

    @org.springframework.beans.factory.annotation.Autowired
    public PodLogProxy(Registries registries, ApiServerProperties props) {
        this(registries.get(resource("pods")), registries.get(resource("nodes")), props.getKubeletPreferredAddressTypes(),
                new NodeAddressGuard(), WebClient.builder()
                        .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) props.getKubeletConnectTimeout().toMillis())))
                        .build());
    }

    PodLogProxy(Registry<?> pods, Registry<?> nodes, List<String> preferredAddressTypes, NodeAddressGuard guard,
                WebClient client) {
        this.pods = pods;
        this.nodes = nodes;
        this.preferredAddressTypes = List.copyOf(preferredAddressTypes);
        this.guard = guard;
        this.client = client;
    }

    private static ResourceInfo resource(String name) {
        return BuiltinResources.get().byResource("", "v1", name).orElseThrow();
    }

    public Mono<Void> serve(ServerHttpResponse resp, String namespace, String name, MultiValueMap<String, String> query) {
        PodLogOptions opts = PodLogOptions.parse(query);
        opts.validateFor(name);
        return mono(pods.get(namespace, name)).flatMap(podKv -> {
            JsonNode pod = ObjectCodec.parseObject(podKv.value());
            String container = LogLocation.container(pod, opts.container());
            String nodeName = pod.path("spec").path("nodeName").asText("");
            if (nodeName.isEmpty()) {
                resp.setStatusCode(HttpStatus.NO_CONTENT);
                return resp.setComplete();
            }
            return mono(nodes.get("", nodeName)).flatMap(nodeKv -> {
                LogLocation.Endpoint endpoint = LogLocation.endpoint(ObjectCodec.parseObject(nodeKv.value()), preferredAddressTypes);
                guard.check(nodeName, endpoint.host());
                String url = LogLocation.url(endpoint, namespace, name, container, opts);
                return stream(resp, url, name, opts.follow());
            });
        });
    }

    private Mono<Void> stream(ServerHttpResponse resp, String url, String podName, boolean follow) {
        return client.get().uri(URI.create(url))
                .exchangeToMono(r -> {
                    int code = r.statusCode().value();
                    if (code < 200 || code > 206) {
                        return errorBody(r).flatMap(body -> Mono.error(KubeletErrors.fromResponse(code, body, podName)));
                    }
                    resp.setStatusCode(HttpStatus.OK);
                    resp.getHeaders().setContentType(MediaType.TEXT_PLAIN);
                    Flux<DataBuffer> body = r.bodyToFlux(DataBuffer.class);
                    return follow ? resp.writeAndFlushWith(body.map(Flux::just)) : resp.writeWith(body);
                })
                .onErrorMap(WebClientRequestException.class, e -> KubeletErrors.fromConnectFailure(url, rootCause(e)));
    }

    private static Mono<String> errorBody(ClientResponse r) {
        return DataBufferUtils.join(DataBufferUtils.takeUntilByteCount(r.bodyToFlux(DataBuffer.class), MAX_ERROR_BODY))
                .map(buf -> {
                    String s = buf.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buf);
                    return s;
                })
                .defaultIfEmpty("");
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static <T> Mono<T> mono(CompletableFuture<T> f) {
        return Mono.fromFuture(f).onErrorMap(CompletionException.class, e -> e.getCause() != null ? e.getCause() : e);
    }

    /** The Status errors of a kubelet answer, as upstream's response checker and error conversion produce them. */
    static final class KubeletErrors {
        private KubeletErrors() {
        }

        /** A non-2xx answer of the kubelet, as upstream's {@code GenericHttpResponseChecker.Check}. */
        static StatusException fromResponse(int code, String body, String podName) {
            return switch (code) {
                case 500 -> ApiErrors.internal(body);
                case 400 -> ApiErrors.badRequest(body);
                default -> genericServerResponse(code, body, podName);
            };
        }

        /** apimachinery's {@code NewGenericServerResponse} with verb "" and resource pods/log. */
        static StatusException genericServerResponse(int code, String body, String podName) {
            String reason;
            String message;
            switch (code) {
                case 404 -> { reason = "NotFound"; message = "the server could not find the requested resource"; }
                case 409 -> { reason = "Conflict"; message = "the server reported a conflict"; }
                case 401 -> { reason = "Unauthorized"; message = "the server has asked for the client to provide credentials"; }
                case 403 -> { reason = "Forbidden"; message = body; }
                case 406 -> { reason = "NotAcceptable"; message = body.isEmpty() || body.equals("unknown")
                        ? "the server was unable to respond with a content type that the client supports" : body; }
                case 415 -> { reason = "UnsupportedMediaType"; message = body; }
                case 405 -> { reason = "MethodNotAllowed"; message = "the server does not allow this method on the requested resource"; }
                case 422 -> { reason = "Invalid"; message = "the server rejected our request due to an error in our request"; }
                case 503 -> { reason = "ServiceUnavailable"; message = "the server is currently unable to handle the request"; }
                case 504 -> { reason = "Timeout"; message = "the server was unable to return a response in the time allotted, but may still be processing the request"; }
                case 429 -> { reason = "TooManyRequests"; message = "the server has received too many requests and has asked us to try again later"; }
                default -> {
                    reason = code >= 500 ? "InternalError" : "";
                    message = code >= 500 ? "an error on the server (" + goQuote(body) + ") has prevented the request from succeeding"
                            : "the server responded with the status code " + code + " but did not return more information";
                }
            }
            return new StatusException(code, reason, message + " ( pods/log " + podName + ")",
                    new StatusException.Details(podName, "", "pods/log", null, null));
        }

        private static String goQuote(String s) {
            return io.kubeboot.api.validation.FieldError.quote(s);
        }

        /**
         * A kubelet that cannot be reached: upstream passes Go's {@code *url.Error} through as a 500 of unknown
         * reason, e.g. {@code Get "http://127.0.0.1:1/containerLogs/ns/p/c": dial tcp 127.0.0.1:1: connect:
         * connection refused}.
         */
        static StatusException fromConnectFailure(String url, Throwable cause) {
            URI uri = URI.create(url);
            String hostPort = uri.getHost() + ":" + uri.getPort();
            String why;
            if (cause instanceof ConnectTimeoutException) {
                why = "dial tcp " + hostPort + ": i/o timeout";
            } else if (cause instanceof ConnectException || String.valueOf(cause.getMessage()).contains("Connection refused")) {
                why = "dial tcp " + hostPort + ": connect: connection refused";
            } else {
                why = String.valueOf(cause.getMessage());
            }
            return new StatusException(500, "", "Get \"" + url + "\": " + why, null);
        }
    }
}
