package io.kubeboot.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.patch.JsonMergePatch;
import io.kubeboot.api.patch.JsonPatch;
import io.kubeboot.api.patch.StrategicMergePatch;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.selector.FieldSelector;
import io.kubeboot.api.selector.LabelSelector;
import io.kubeboot.apiserver.config.ApiServerProperties;
import io.kubeboot.apiserver.podexec.PodExecProxy;
import io.kubeboot.apiserver.podlogs.PodLogProxy;
import io.kubeboot.apiserver.registry.ObjectCodec;
import io.kubeboot.apiserver.registry.Registries;
import io.kubeboot.apiserver.registry.Registry;
import io.kubeboot.apiserver.registry.WriteOptions;
import io.kubeboot.apiserver.registry.Written;
import io.kubeboot.apiserver.storage.CachedObject;
import io.kubeboot.apiserver.storage.ObjectFilter;
import io.kubeboot.apiserver.storage.WatchCache;
import io.kubeboot.apiserver.storage.WatchCaches;
import io.kubeboot.apiserver.table.TableBuilder;
import io.kubeboot.apiserver.table.TableConvertor;
import io.kubeboot.apiserver.table.TableConvertors;
import io.kubeboot.apiserver.watch.EventEncoder;
import io.kubeboot.apiserver.watch.JsonEventEncoder;
import io.kubeboot.apiserver.watch.TableEventEncoder;
import io.kubeboot.apiserver.watch.WatchFlusher;
import io.kubeboot.apiserver.watch.WatchStream;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The resource endpoints: every verb on every served resource and its subresources (status, scale,
 * binding, eviction, finalize). Parses query options, picks the representation (object, List, Table,
 * watch stream) and delegates storage semantics to the {@link Registry}. Thread safe.
 */
@Component
public class ResourceHandler {
    private final Registries registries;
    private final WatchCaches caches;
    private final TableConvertors tables;
    private final TableBuilder tableBuilder;
    private final ApiServerProperties props;
    private final WebSocketService webSockets = new HandshakeWebSocketService();

    private final WatchFlusher flusher;
    private final PodLogProxy podLogs;
    private final PodExecProxy podExec;

    public ResourceHandler(Registries registries, WatchCaches caches, TableConvertors tables, TableBuilder tableBuilder,
                           ApiServerProperties props, WatchFlusher flusher, PodLogProxy podLogs, PodExecProxy podExec) {
        this.flusher = flusher;
        this.podExec = podExec;
        this.podLogs = podLogs;
        this.registries = registries;
        this.caches = caches;
        this.tables = tables;
        this.tableBuilder = tableBuilder;
        this.props = props;
    }

    public Mono<Void> handle(ServerWebExchange exchange, RequestInfo ri) {
        ServerHttpRequest req = exchange.getRequest();
        ServerHttpResponse resp = exchange.getResponse();
        Query q = new Query(req.getQueryParams());
        ResourceInfo info = BuiltinResources.get().byResource(ri.group(), ri.version(), ri.resource())
                .orElseThrow(() -> new StatusException(404, "NotFound", "the server could not find the requested resource", null));
        if (!ri.namespace().isEmpty() && !info.namespaced()) {
            throw new StatusException(404, "NotFound", "the server could not find the requested resource", null);
        }
        if (!ri.subresource().isEmpty() && !info.hasSubresource(ri.subresource())) {
            throw new StatusException(404, "NotFound", "the server could not find the requested resource", null);
        }
        Registry<?> registry = registries.get(info);
        String ns = info.namespaced() ? ri.namespace() : "";
        String accept = req.getHeaders().getFirst("Accept");
        String contentType = req.getHeaders().getFirst("Content-Type");
        if (ri.subresource().equals("exec")) {
            // a connect subresource: GET (WebSocket) and POST (SPDY), as upstream's ExecREST.ConnectMethods
            if (!ri.verb().equals("get") && !ri.verb().equals("create")) {
                throw ApiErrors.methodNotSupported(info.group(), info.resource() + "/exec", ri.verb());
            }
            return podExec.serve(exchange, ns, ri.name());
        }
        return switch (ri.verb()) {
            case "get" -> ri.subresource().equals("log")
                    ? podLogs.serve(resp, ns, ri.name(), req.getQueryParams())
                    : get(resp, registry, ns, ri, accept, q);
            case "list" -> list(resp, info, ns, accept, q);
            case "watch" -> watch(exchange, info, ns, ri, accept, q);
            case "create" -> body(req).flatMap(b -> create(resp, registry, ns, ri, b, contentType, q));
            case "update" -> body(req).flatMap(b -> update(resp, registry, ns, ri, b, contentType, q));
            case "patch" -> body(req).flatMap(b -> patch(resp, registry, ns, ri, b, contentType, q));
            case "delete" -> body(req).flatMap(b -> delete(resp, registry, ns, ri.name(), b, q));
            case "deletecollection" -> body(req).flatMap(b -> deleteCollection(resp, registry, info, ns, b, q));
            default -> throw ApiErrors.methodNotSupported(info.group(), info.resource(), ri.verb());
        };
    }

    private Mono<byte[]> body(ServerHttpRequest req) {
        return Bodies.read(req, props.getMaxRequestBodyBytes());
    }

    private static <T> Mono<T> mono(CompletableFuture<T> f) {
        return Mono.fromFuture(f).onErrorMap(java.util.concurrent.CompletionException.class,
                e -> e.getCause() != null ? e.getCause() : e);
    }

    // ------------------------------------------------------------------ reads

    private Mono<Void> get(ServerHttpResponse resp, Registry<?> registry, String ns, RequestInfo ri, String accept, Query q) {
        ResourceInfo info = registry.info();
        if (ri.subresource().equals("scale")) {
            return mono(registry.get(ns, ri.name()))
                    .flatMap(kv -> Responses.json(resp, 200, Json.bytes(Scales.toScale(info, ObjectCodec.parseObject(kv.value())))));
        }
        return mono(registry.get(ns, ri.name())).flatMap(kv -> {
            if (Negotiation.wantsTable(accept)) {
                JsonNode obj = ObjectCodec.parseObject(kv.value());
                ObjectNode t = tableBuilder.table(tables.forResource(info.group(), info.resource()), List.of(obj),
                        Long.toString(kv.revision()), null, TableBuilder.IncludeObject.parse(q.get("includeObject")), true, Instant.now());
                return Responses.json(resp, 200, Json.bytes(t));
            }
            return Responses.json(resp, 200, kv.value());
        });
    }

    private ObjectFilter filter(ResourceInfo info, String ns, Query q) {
        LabelSelector labels = q.get("labelSelector").isEmpty() ? null : LabelSelector.parse(q.get("labelSelector"));
        FieldSelector fields = null;
        if (!q.get("fieldSelector").isEmpty()) {
            fields = FieldSelector.parse(q.get("fieldSelector"));
            for (FieldSelector.Requirement r : fields.requirements()) {
                if (!r.field().equals("metadata.name") && !r.field().equals("metadata.namespace")
                        && !info.selectableFields().contains(r.field())) {
                    throw ApiErrors.badRequest("field label not supported: " + r.field());
                }
            }
        }
        return new ObjectFilter(ns.isEmpty() ? null : ns, labels, fields);
    }

    private Mono<Void> list(ServerHttpResponse resp, ResourceInfo info, String ns, String accept, Query q) {
        ObjectFilter filter = filter(info, ns, q);
        Negotiation.rejectUnsupported(accept);
        Continue token = Continue.decode(q.get("continue"));
        String rv = q.get("resourceVersion");
        CompletableFuture<WatchCache.ListResult> result;
        if (token == null && !rv.isEmpty()) {
            // "0" and "N": any state not older than N; the cache is never older than what this replica served
            result = CompletableFuture.completedFuture(caches.cache(info).list(filter));
        } else {
            result = caches.consistentList(info, filter);
        }
        Long limitParam = q.optionalLong("limit");
        long limit = limitParam == null ? 0 : limitParam;
        return mono(result).flatMap(r -> {
            List<CachedObject> items = r.items();
            long listRevision = r.revision();
            if (token != null) {
                // as against etcd: a token outlives its list until the store compacts past its revision
                if (token.revision() < caches.cache(info).compactedRevision()) {
                    throw ApiErrors.expired("The provided continue parameter is too old to display a consistent list result. "
                            + "You can start a new list without the continue parameter.");
                }
                listRevision = token.revision();
                items = items.stream().filter(o -> o.key().compareTo(token.startAfter()) > 0).toList();
            }
            String next = null;
            if (limit > 0 && items.size() > limit) {
                items = items.subList(0, (int) limit);
                next = Continue.encode(listRevision, items.get(items.size() - 1).key());
            }
            if (Negotiation.wantsTable(accept)) {
                List<JsonNode> objects = new ArrayList<>(items.size());
                for (CachedObject o : items) {
                    objects.add(ObjectCodec.parseObject(o.json()));
                }
                ObjectNode t = tableBuilder.table(tables.forResource(info.group(), info.resource()), objects,
                        Long.toString(listRevision), next, TableBuilder.IncludeObject.parse(q.get("includeObject")), true, Instant.now());
                return Responses.json(resp, 200, Json.bytes(t));
            }
            return Responses.json(resp, 200, listBytes(info, listRevision, next, items));
        });
    }

    /** A List built by splicing the stored bytes of each item; nothing is re-serialized. */
    static byte[] listBytes(ResourceInfo info, long revision, String continueToken, List<CachedObject> items) {
        int size = 128;
        for (CachedObject o : items) {
            size += o.json().length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(("{\"kind\":\"" + info.listKind() + "\",\"apiVersion\":\"" + info.apiVersion()
                + "\",\"metadata\":{\"resourceVersion\":\"" + revision + "\""
                + (continueToken == null ? "" : ",\"continue\":\"" + continueToken + "\"") + "},\"items\":[")
                .getBytes(StandardCharsets.UTF_8));
        boolean first = true;
        for (CachedObject o : items) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(o.json());
        }
        out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private Mono<Void> watch(ServerWebExchange exchange, ResourceInfo info, String ns, RequestInfo ri, String accept, Query q) {
        ServerHttpResponse resp = exchange.getResponse();
        ObjectFilter filter = filter(info, ns, q);
        if (!ri.name().isEmpty()) {
            // legacy /watch/namespaces/{ns}/{resource}/{name}
            filter = new ObjectFilter(filter.namespace(), filter.labels(), FieldSelector.parse("metadata.name=" + ri.name()));
        }
        String rv = q.get("resourceVersion");
        long from;
        if (rv.isEmpty() || rv.equals("0")) {
            from = -1;
        } else {
            try {
                from = Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw ApiErrors.badRequest("invalid resource version: " + rv);
            }
        }
        Long timeoutSeconds = q.optionalLong("timeoutSeconds");
        Duration timeout;
        if (timeoutSeconds != null && timeoutSeconds > 0) {
            timeout = Duration.ofSeconds(timeoutSeconds);
        } else {
            long max = props.getMaxWatchTimeout().toMillis();
            timeout = Duration.ofMillis(max + ThreadLocalRandom.current().nextLong(max + 1));
        }
        EventEncoder encoder = Negotiation.wantsTable(accept)
                ? new TableEventEncoder(info, tables.forResource(info.group(), info.resource()), tableBuilder,
                TableBuilder.IncludeObject.parse(q.get("includeObject")))
                : new JsonEventEncoder(info);
        boolean webSocket = webSocketUpgrade(exchange.getRequest());
        boolean bookmarks = q.bool("allowWatchBookmarks");
        ObjectFilter watchFilter = filter;
        // resourceVersion "" starts at the most recent state, so the cache must first catch up with the store
        Mono<WatchCache> ready = rv.isEmpty() ? mono(caches.awaitConsistent(info)) : Mono.just(caches.cache(info));
        io.netty.channel.Channel channel = webSocket || !flusher.enabled() ? null : WatchStream.nettyChannel(resp);
        if (channel != null) {
            int maxPending = props.getWatchCacheSize();
            return ready.flatMap(cache -> WatchStream.serveDirect(resp, channel, cache, watchFilter, from, bookmarks, timeout,
                    encoder, flusher, maxPending));
        }
        // a WebSocket carries one event per message, so its events are not gathered
        Flux<byte[][]> lines = ready.flatMapMany(cache -> WatchStream.open(cache, watchFilter, from, bookmarks, timeout,
                encoder, webSocket ? null : flusher, props.getWatchCacheSize()));
        if (webSocket) {
            // fabric8 tries a WebSocket first: one event per text message
            return webSockets.handleRequest(exchange, session -> session.send(lines
                    .concatMap(chunk -> Flux.fromArray(chunk))
                    .map(b -> session.textMessage(new String(b, StandardCharsets.UTF_8)))));
        }
        return WatchStream.serve(resp, lines);
    }

    private static boolean webSocketUpgrade(ServerHttpRequest req) {
        return "websocket".equalsIgnoreCase(req.getHeaders().getUpgrade());
    }

    // ------------------------------------------------------------------ writes

    private static WriteOptions writeOptions(Query q) {
        String dry = q.get("dryRun");
        if (!dry.isEmpty() && !dry.equals("All")) {
            throw ApiErrors.badRequest("Invalid dry run value: " + dry + ": supported values: \"All\"");
        }
        WriteOptions.FieldValidation fv = switch (q.get("fieldValidation")) {
            case "", "Warn" -> WriteOptions.FieldValidation.WARN;
            case "Strict" -> WriteOptions.FieldValidation.STRICT;
            case "Ignore" -> WriteOptions.FieldValidation.IGNORE;
            default -> throw ApiErrors.badRequest("fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\"");
        };
        return new WriteOptions(!dry.isEmpty(), fv);
    }

    private Mono<Void> create(ServerHttpResponse resp, Registry<?> registry, String ns, RequestInfo ri, byte[] body,
                              String contentType, Query q) {
        WriteOptions opts = writeOptions(q);
        ObjectNode obj = Bodies.decodeObject(body, contentType);
        if (ri.subresource().equals("binding")) {
            return mono(Subresources.bind(registry, ns, ri.name(), obj, opts)).then(
                    Responses.json(resp, 201, Responses.successStatus(null, null, null, null)));
        }
        if (ri.subresource().equals("eviction")) {
            return mono(registry.delete(ns, ri.name(), Subresources.evictionDeleteOptions(obj, opts)))
                    .then(Responses.json(resp, 201, Responses.successStatus(null, null, null, null)));
        }
        if (!ri.name().isEmpty()) {
            throw ApiErrors.methodNotSupported(registry.info().group(), registry.info().resource(), "create");
        }
        return mono(registry.create(ns, obj, opts)).flatMap(w -> Responses.json(resp, 201, w.json(), w.warnings()));
    }

    private Mono<Void> update(ServerHttpResponse resp, Registry<?> registry, String ns, RequestInfo ri, byte[] body,
                              String contentType, Query q) {
        WriteOptions opts = writeOptions(q);
        ObjectNode obj = Bodies.decodeObject(body, contentType);
        ResourceInfo info = registry.info();
        String sub = ri.subresource();
        CompletableFuture<Written> result;
        if (sub.equals("scale")) {
            result = Scales.update(registry, ns, ri.name(), obj, opts);
        } else if (sub.equals("finalize")) {
            // only spec (finalizers) changes; SYSTEM, as the strategy's update rules keep spec.finalizers as they were
            List<String> bodyWarnings = new ArrayList<>();
            registry.pruneUnknown(obj, opts, bodyWarnings);
            result = registry.update(ns, ri.name(), (cur, w) -> {
                w.addAll(bodyWarnings);
                ObjectNode next = cur.tree();
                next.set("spec", obj.path("spec").isObject() ? obj.get("spec").deepCopy() : Json.MAPPER.createObjectNode());
                return next;
            }, Registry.Part.SYSTEM, opts, false);
        } else {
            Registry.Part part = sub.equals("status") ? Registry.Part.STATUS : Registry.Part.MAIN;
            boolean allowCreate = sub.isEmpty() && registry.strategy().allowCreateOnUpdate();
            result = registry.update(ns, ri.name(), (cur, w) -> obj, part, opts, allowCreate);
        }
        return mono(result).flatMap(w -> Responses.json(resp, w.created() ? 201 : 200,
                sub.equals("scale") ? Json.bytes(Scales.toScale(info, ObjectCodec.parseObject(w.json()))) : w.json(), w.warnings()));
    }

    private Mono<Void> patch(ServerHttpResponse resp, Registry<?> registry, String ns, RequestInfo ri, byte[] body,
                             String contentType, Query q) {
        WriteOptions opts = writeOptions(q);
        ResourceInfo info = registry.info();
        String type = Bodies.mediaType(contentType);
        if (type.equals("application/apply-patch+yaml") || type.equals("application/apply-patch+cbor")) {
            throw new StatusException(415, "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: "
                            + "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json",
                    null);
        }
        JsonNode patch = Bodies.parseJson(body);
        String sub = ri.subresource();
        CompletableFuture<Written> result;
        if (sub.equals("scale")) {
            result = registry.update(ns, ri.name(), (cur, w) -> {
                ObjectNode scale = Scales.toScale(info, cur.tree());
                JsonNode patched = applyPatch(type, scale, patch, null);
                return Scales.applyScale(info, cur.tree(), patched);
            }, Registry.Part.ANY, opts, false);
        } else {
            Registry.Part part = sub.equals("status") ? Registry.Part.STATUS : Registry.Part.MAIN;
            result = registry.update(ns, ri.name(), (cur, w) -> {
                JsonNode patched = applyPatch(type, cur.tree(), patch, info.modelClass());
                if (!(patched instanceof ObjectNode o)) {
                    throw ApiErrors.badRequest("the patch produced something other than an object");
                }
                return o;
            }, part, opts, false);
        }
        return mono(result).flatMap(w -> Responses.json(resp, 200,
                sub.equals("scale") ? Json.bytes(Scales.toScale(info, ObjectCodec.parseObject(w.json()))) : w.json(), w.warnings()));
    }

    private static JsonNode applyPatch(String type, JsonNode original, JsonNode patch, Class<?> model) {
        return switch (type) {
            case "application/json-patch+json" -> JsonPatch.apply(original, patch);
            case "application/merge-patch+json" -> JsonMergePatch.apply(original, patch);
            case "application/strategic-merge-patch+json" -> model == null
                    ? JsonMergePatch.apply(original, patch)
                    : StrategicMergePatch.apply(original, patch, model);
            default -> throw new StatusException(415, "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: "
                            + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, "
                            + "application/strategic-merge-patch+json", null);
        };
    }

    private Mono<Void> delete(ServerHttpResponse resp, Registry<?> registry, String ns, String name, byte[] body, Query q) {
        Registry.DeleteOptions opts = Subresources.deleteOptions(body, q);
        ResourceInfo info = registry.info();
        return mono(registry.delete(ns, name, opts)).flatMap(d -> {
            if (d.gone()) {
                JsonNode obj = ObjectCodec.parseObject(d.json());
                return Responses.json(resp, 200, Responses.successStatus(name, info.group(), info.resource(),
                        obj.path("metadata").path("uid").asText()));
            }
            return Responses.json(resp, 200, d.json());
        });
    }

    private Mono<Void> deleteCollection(ServerHttpResponse resp, Registry<?> registry, ResourceInfo info, String ns,
                                        byte[] body, Query q) {
        Registry.DeleteOptions opts = Subresources.deleteOptions(body, q);
        ObjectFilter filter = filter(info, ns, q);
        return mono(caches.consistentList(info, filter)).flatMap(list -> {
            List<CompletableFuture<byte[]>> deletions = new ArrayList<>();
            for (CachedObject o : list.items()) {
                deletions.add(registry.delete(o.namespace() == null ? "" : o.namespace(), o.name(), opts)
                        .thenApply(Registry.Deleted::json)
                        .exceptionally(e -> null));
            }
            return mono(CompletableFuture.allOf(deletions.toArray(new CompletableFuture[0])).thenApply(v -> {
                List<CachedObject> deleted = new ArrayList<>();
                for (CompletableFuture<byte[]> f : deletions) {
                    byte[] json = f.join();
                    if (json != null) {
                        deleted.add(new CachedObject("", null, "", java.util.Map.of(), java.util.Map.of(), json, 0));
                    }
                }
                return listBytes(info, list.revision(), null, deleted);
            })).flatMap(bytes -> Responses.json(resp, 200, bytes));
        });
    }

    /** The opaque continue token: the list's revision and the last key returned. */
    record Continue(long revision, String startAfter) {
        static Continue decode(String token) {
            if (token == null || token.isEmpty()) {
                return null;
            }
            try {
                JsonNode n = Json.parse(Base64.getUrlDecoder().decode(token));
                return new Continue(n.path("rv").asLong(), n.path("start").asText());
            } catch (Exception e) {
                throw ApiErrors.badRequest("continue key is not valid: " + e.getMessage());
            }
        }

        static String encode(long revision, String lastKey) {
            ObjectNode n = Json.object().put("v", "meta.k8s.io/v1").put("rv", revision).put("start", lastKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(n));
        }
    }
}
