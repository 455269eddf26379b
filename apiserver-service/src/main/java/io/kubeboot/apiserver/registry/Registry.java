package io.kubeboot.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.schema.KnownFields;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.ObjectMetaValidation;
import io.kubeboot.apiserver.storage.CachedObject;
import io.kubeboot.apiserver.storage.WatchCache;
import io.kubeboot.apiserver.storage.WatchCaches;
import io.kubeboot.store.Claim;
import io.kubeboot.store.KeyValue;
import io.kubeboot.store.Stamped;
import io.kubeboot.store.Store;
import io.kubeboot.store.WriteResult;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The generic storage of one resource type, as upstream's {@code registry/generic/registry.Store}:
 * create, update (with the GuaranteedUpdate retry loop), delete with graceful deletion and
 * finalizers, all over the revisioned {@link Store}. Type-specific behaviour comes from the
 * {@link Strategy}, unique values from the {@link ClaimPolicy}.
 *
 * <p>Thread safe and stateless between calls; never mutates cached or stored bytes.
 */
public final class Registry<T extends HasMetadata> {
    private static final int MAX_RETRIES = 16;
    private static final char[] NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ResourceInfo info;
    private final Strategy<T> strategy;
    private final Store store;
    private final WatchCaches caches;
    private final ClaimPolicy claims;
    private final Clock clock;

    public Registry(Strategy<T> strategy, Store store, WatchCaches caches, ClaimPolicy claims, Clock clock) {
        this.info = strategy.info();
        this.strategy = strategy;
        this.store = store;
        this.caches = caches;
        this.claims = claims;
        this.clock = clock;
    }

    public ResourceInfo info() {
        return info;
    }

    public Strategy<T> strategy() {
        return strategy;
    }

    public static String key(ResourceInfo info, String namespace, String name) {
        return info.namespaced() ? namespace + "/" + name : name;
    }

    public CompletableFuture<KeyValue> get(String namespace, String name) {
        return store.get(info.qualifiedResource(), key(info, namespace, name)).thenApply(kv -> {
            if (kv == null) {
                throw ApiErrors.notFound(info.group(), info.resource(), name);
            }
            return kv;
        });
    }

    // ---------------------------------------------------------------- create

    public CompletableFuture<Written> create(String namespace, ObjectNode body, WriteOptions opts) {
        List<String> warnings = new ArrayList<>();
        checkTypeMeta(body);
        ObjectNode meta = ObjectCodec.metadata(body);
        ensureNamespace(meta, namespace);
        pruneUnknown(body, opts, warnings);
        if (info.hasStatus() && !strategy.keepsStatusOnCreate()) {
            body.remove("status");
        }
        String name = meta.path("name").asText("");
        if (name.isEmpty() && !meta.path("generateName").asText("").isEmpty()) {
            name = meta.path("generateName").asText() + randomSuffix();
            meta.put("name", name);
        }
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", ObjectCodec.timestamp(clock.instant()));
        meta.remove(List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields"));
        if (strategy.tracksGeneration()) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
        T obj = ObjectCodec.toTyped(info, body, strategy.type());
        strategy.prepareForCreate(obj);
        strategy.applyDefaults(obj);
        FieldErrors errs = ObjectMetaValidation.validateObjectMeta(obj.getMetadata(), info.namespaced(),
                strategy.nameValidator(), FieldPath.of("metadata"));
        errs.addAll(strategy.validate(obj));
        throwIfInvalid(obj, errs);
        warnings.addAll(strategy.warningsOnCreate(obj));
        ObjectNode tree = ObjectCodec.toTree(obj);
        String finalName = name;
        return namespaceAdmission(namespace).thenCompose(v -> {
            if (opts.dryRun()) {
                return CompletableFuture.completedFuture(new Written(Json.bytes(tree), true, warnings));
            }
            return createWithClaims(finalName, tree, new HashSet<>(), warnings, 0);
        });
    }

    private CompletableFuture<Written> createWithClaims(String name, ObjectNode requested, Set<Claim> avoid,
                                                         List<String> warnings, int attempt) {
        ObjectNode tree = requested.deepCopy();
        List<Claim> held = claims.assign(tree, null, avoid);
        Stamped stamped = ObjectCodec.stamp(tree);
        String key = key(info, tree.path("metadata").path("namespace").asText(null), name);
        return store.create(info.qualifiedResource(), key, stamped, held).thenCompose(w -> switch (w.outcome()) {
            case OK -> CompletableFuture.completedFuture(new Written(stamped.at(w.revision()), true, warnings));
            case EXISTS -> CompletableFuture.failedFuture(ApiErrors.alreadyExists(info.group(), info.resource(), name));
            case CLAIMED -> {
                StatusException err = claims.onTaken(w.claim(), requested);
                if (err != null || attempt >= MAX_RETRIES) {
                    yield CompletableFuture.failedFuture(err != null ? err
                            : ApiErrors.internal("could not allocate a free value for " + w.claim().index()));
                }
                avoid.add(w.claim());
                yield createWithClaims(name, requested, avoid, warnings, attempt + 1);
            }
            default -> CompletableFuture.failedFuture(ApiErrors.internal("unexpected store outcome " + w.outcome()));
        });
    }

    // ---------------------------------------------------------------- update

    /** What a mutation sees: the current stored object. */
    public record Current(ObjectNode tree, long revision) {
    }

    /**
     * Computes the next state from the current one. Returns the client's intended object; the
     * registry then runs the update pipeline on it. Throwing a StatusException aborts.
     */
    @FunctionalInterface
    public interface Mutation extends BiFunction<Current, List<String>, ObjectNode> {
    }

    /**
     * Which part of the object an update may change: MAIN (spec and metadata; status kept), STATUS
     * (status; spec kept), ANY (both, with the type's update rules), SYSTEM (a server-side transition
     * such as a pod binding, which upstream writes without the type's update rules; unknown fields are not
     * pruned, see {@link #pruneUnknown}).
     */
    public enum Part { MAIN, STATUS, ANY, SYSTEM }

    /**
     * Update with upstream's GuaranteedUpdate loop: read, mutate, validate, write with the read
     * revision as precondition, and retry from the read on a conflict unless the client pinned a
     * resourceVersion (then the conflict is the client's: 409).
     *
     * <p>The first read comes from the watch cache when it holds the object, as upstream's Cacher passes its
     * cached copy down to the etcd store's GuaranteedUpdate: the write is still conditional on that revision,
     * so a stale copy costs a conflict and a retry from the store, never a lost update. As upstream, anything
     * a stale copy could cause (an error of the mutation or validation, a pinned resourceVersion that differs,
     * an update that would change nothing) is decided again on the store's current state.
     */
    public CompletableFuture<Written> update(String namespace, String name, Mutation mutation, Part part,
                                             WriteOptions opts, boolean allowCreate) {
        String key = key(info, namespace, name);
        KeyValue cached = cachedState(key);
        if (cached != null) {
            try {
                return attemptOn(namespace, name, key, cached, false, mutation, part, opts, allowCreate, 0);
            } catch (RuntimeException e) {
                // possibly caused by stale data: decided again on the current state
                return updateAttempt(namespace, name, mutation, part, opts, allowCreate, 0);
            }
        }
        return updateAttempt(namespace, name, mutation, part, opts, allowCreate, 0);
    }

    /** The watch cache's copy of the object, or null (no cache, not synced, or not in it). */
    private KeyValue cachedState(String key) {
        WatchCache cache = caches == null ? null : caches.cache(info);
        CachedObject o = cache == null ? null : cache.get(key);
        return o == null ? null : new KeyValue(key, o.json(), o.revision());
    }

    private CompletableFuture<Written> updateAttempt(String namespace, String name, Mutation mutation, Part part,
                                                     WriteOptions opts, boolean allowCreate, int attempt) {
        String key = key(info, namespace, name);
        return store.get(info.qualifiedResource(), key).thenCompose(kv ->
                attemptOn(namespace, name, key, kv, true, mutation, part, opts, allowCreate, attempt));
    }

    /**
     * One pass of the loop on {@code kv} (null: not found), which is the store's current state or, when
     * {@code current} is false, the watch cache's possibly stale copy.
     */
    private CompletableFuture<Written> attemptOn(String namespace, String name, String key, KeyValue kv, boolean current,
                                                 Mutation mutation, Part part, WriteOptions opts, boolean allowCreate,
                                                 int attempt) {
        List<String> warnings = new ArrayList<>();
        if (kv == null) {
            if (!allowCreate) {
                throw ApiErrors.notFound(info.group(), info.resource(), name);
            }
            ObjectNode wanted = mutation.apply(null, warnings);
            return create(namespace, wanted, opts);
        }
        ObjectNode old = ObjectCodec.parseObject(kv.value());
        ObjectNode wanted = mutation.apply(new Current(old.deepCopy(), kv.revision()), warnings);
        String pinned = wanted.path("metadata").path("resourceVersion").asText("");
        if (!pinned.isEmpty() && !pinned.equals(Long.toString(kv.revision()))) {
            throw ApiErrors.conflict(info.group(), info.resource(), name);
        }
        // an unconditional update validates as if it had named the current version (upstream store.Update)
        ObjectCodec.metadata(wanted).put("resourceVersion", Long.toString(kv.revision()));
        ObjectNode next = prepareUpdate(namespace, name, wanted, old, part, opts, warnings);
        // serialized once: to see whether anything changed and, without claims to assign, to be written
        Stamped stamped = ObjectCodec.stamp(next.deepCopy());
        if (sameAsStored(stamped, kv)) {
            if (!current) {
                // nothing to write compared with the cache's copy: the store may hold a newer one
                return updateAttempt(namespace, name, mutation, part, opts, allowCreate, attempt);
            }
            return CompletableFuture.completedFuture(new Written(kv.value(), false, warnings));
        }
        if (opts.dryRun()) {
            ObjectCodec.metadata(next).put("resourceVersion", Long.toString(kv.revision()));
            return CompletableFuture.completedFuture(new Written(Json.bytes(next), false, warnings));
        }
        return writeUpdate(key, name, next, stamped, old, kv.revision()).thenCompose(w -> {
            if (w != null) {
                return finishIfDeleted(key, next, w, warnings);
            }
            if (!pinned.isEmpty() && current) {
                throw ApiErrors.conflict(info.group(), info.resource(), name);
            }
            // from here on the store's state decides (a stale copy's write failing says nothing about the client's)
            if (attempt >= MAX_RETRIES) {
                throw ApiErrors.conflict(info.group(), info.resource(), name,
                        "the object keeps changing; please try again");
            }
            return updateAttempt(namespace, name, mutation, part, opts, allowCreate, attempt + 1);
        });
    }

    /** Writes; null means the revision moved (retry), any other failure is thrown. {@code stamped} is {@code next} serialized. */
    private CompletableFuture<Written> writeUpdate(String key, String name, ObjectNode next, Stamped stamped, ObjectNode old,
                                                   long revision) {
        return writeUpdateWithClaims(key, name, next, stamped, old, revision, new HashSet<>(), 0);
    }

    private CompletableFuture<Written> writeUpdateWithClaims(String key, String name, ObjectNode requested,
                                                             Stamped requestedStamped, ObjectNode old, long revision,
                                                             Set<Claim> avoid, int attempt) {
        List<Claim> before = claims.held(old);
        List<Claim> after;
        Stamped stamped;
        if (claims == ClaimPolicy.NONE) {
            // nothing to assign: written as serialized for the unchanged-object check
            after = List.of();
            stamped = requestedStamped;
        } else {
            ObjectNode next = requested.deepCopy();
            after = claims.assign(next, old, avoid);
            stamped = ObjectCodec.stamp(next);
        }
        List<Claim> released = before.stream().filter(c -> !after.contains(c)).toList();
        List<Claim> claimed = after.stream().filter(c -> !before.contains(c)).toList();
        return store.update(info.qualifiedResource(), key, revision, stamped, released, claimed).thenCompose(w -> switch (w.outcome()) {
            case OK -> CompletableFuture.completedFuture(new Written(stamped.at(w.revision()), false, List.of()));
            case CONFLICT, NOT_FOUND -> CompletableFuture.completedFuture((Written) null);
            case CLAIMED -> {
                StatusException err = claims.onTaken(w.claim(), requested);
                if (err != null || attempt >= MAX_RETRIES) {
                    yield CompletableFuture.failedFuture(err != null ? err
                            : ApiErrors.internal("could not allocate a free value for " + w.claim().index()));
                }
                avoid.add(w.claim());
                yield writeUpdateWithClaims(key, name, requested, requestedStamped, old, revision, avoid, attempt + 1);
            }
            default -> CompletableFuture.failedFuture(ApiErrors.internal("unexpected store outcome " + w.outcome()));
        });
    }

    /**
     * An object that is being deleted and has lost its last finalizer goes away now, as upstream. {@code next}
     * is the written object before the store stamped it (claims may differ, deletion metadata does not): almost
     * every update leaves a live object, and that is told from it without parsing the written bytes again.
     */
    private CompletableFuture<Written> finishIfDeleted(String key, ObjectNode next, Written w, List<String> warnings) {
        if (!mayFinishDeletion(next.path("metadata"))) {
            return CompletableFuture.completedFuture(new Written(w.json(), false, warnings));
        }
        ObjectNode stored = ObjectCodec.parseObject(w.json());
        JsonNode meta = stored.path("metadata");
        if (mayFinishDeletion(meta) && !strategy.deletionPending(stored)) {
            long rev = Long.parseLong(meta.path("resourceVersion").asText());
            return store.delete(info.qualifiedResource(), key, rev, ObjectCodec.stamp(stored), claims.held(stored))
                    .thenApply(d -> new Written(w.json(), false, warnings));
        }
        return CompletableFuture.completedFuture(new Written(w.json(), false, warnings));
    }

    /** Being deleted, without finalizers, and without grace time left. */
    private static boolean mayFinishDeletion(JsonNode meta) {
        boolean deleting = meta.hasNonNull("deletionTimestamp");
        boolean noFinalizers = !meta.has("finalizers") || meta.path("finalizers").isEmpty();
        boolean graceDone = meta.path("deletionGracePeriodSeconds").asLong(0) == 0;
        return deleting && noFinalizers && graceDone;
    }

    private ObjectNode prepareUpdate(String namespace, String name, ObjectNode wanted, ObjectNode old, Part part,
                                     WriteOptions opts, List<String> warnings) {
        checkTypeMeta(wanted);
        ObjectNode meta = ObjectCodec.metadata(wanted);
        ensureNamespace(meta, namespace);
        String bodyName = meta.path("name").asText("");
        if (bodyName.isEmpty()) {
            meta.put("name", name);
        } else if (!bodyName.equals(name)) {
            throw ApiErrors.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
        }
        if (part != Part.SYSTEM) {
            // a server-side transition edits the stored object, whose fields were all known when it was written
            // (client content it adds is pruned by its caller)
            pruneUnknown(wanted, opts, warnings);
        }
        JsonNode oldMeta = old.path("metadata");
        // a uid in the body must match (ObjectMeta update validation says "field is immutable" otherwise);
        // without one the stored uid is kept, as upstream's BeforeUpdate does
        if (meta.path("uid").asText("").isEmpty()) {
            meta.set("uid", oldMeta.get("uid"));
        }
        for (String f : List.of("creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation")) {
            if (oldMeta.has(f)) {
                meta.set(f, oldMeta.get(f));
            } else {
                meta.remove(f);
            }
        }
        meta.remove(List.of("selfLink", "managedFields"));
        if (part == Part.MAIN && info.hasStatus()) {
            copyField(old, wanted, "status");
        } else if (part == Part.STATUS) {
            for (String f : List.of("spec")) {
                copyField(old, wanted, f);
            }
        }
        T next = ObjectCodec.toTyped(info, wanted, strategy.type());
        if (part == Part.SYSTEM) {
            // the caller made a server-side transition (a binding: one per pod); only ObjectMeta rules apply, so
            // only the stored metadata is decoded
            ObjectMeta prevMeta = ObjectCodec.toTyped(info, old.path("metadata"), ObjectMeta.class);
            throwIfInvalid(next, ObjectMetaValidation.validateObjectMetaUpdate(next.getMetadata(), prevMeta, FieldPath.of("metadata")));
            return ObjectCodec.toTree(next);
        }
        T prev = ObjectCodec.toTyped(info, old, strategy.type());
        FieldErrors errs = ObjectMetaValidation.validateObjectMetaUpdate(next.getMetadata(), prev.getMetadata(), FieldPath.of("metadata"));
        if (part == Part.STATUS) {
            strategy.prepareForStatusUpdate(next, prev);
            errs.addAll(strategy.validateStatusUpdate(next, prev));
        } else {
            strategy.prepareForUpdate(next, prev);
            strategy.applyDefaults(next);
            errs.addAll(strategy.validateUpdate(next, prev));
        }
        throwIfInvalid(next, errs);
        ObjectNode tree = ObjectCodec.toTree(next);
        if (strategy.tracksGeneration() && part != Part.STATUS && part != Part.SYSTEM
                && !Objects.equals(tree.get("spec"), ObjectCodec.toTree(prev).get("spec"))) {
            ObjectCodec.metadata(tree).put("generation", old.path("metadata").path("generation").asLong(0) + 1);
        }
        return tree;
    }

    private static void copyField(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field).deepCopy());
        } else {
            to.remove(field);
        }
    }

    /**
     * A write that changes nothing is not written (upstream skips identical etcd writes). Compared as
     * serialized bytes: both sides come from the same serializer, and tree equality would tell an
     * int from a long.
     */
    private static boolean sameAsStored(Stamped next, KeyValue stored) {
        return java.util.Arrays.equals(next.at(stored.revision()), stored.value());
    }

    // ---------------------------------------------------------------- delete

    /** DeleteOptions that matter here. */
    public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
                                String preconditionResourceVersion, boolean dryRun) {
        public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null, false);
    }

    /** Outcome of a delete: the object (last state or now terminating) and whether it is gone. */
    public record Deleted(byte[] json, boolean gone) {
    }

    public CompletableFuture<Deleted> delete(String namespace, String name, DeleteOptions opts) {
        return deleteAttempt(namespace, name, opts, 0);
    }

    private CompletableFuture<Deleted> deleteAttempt(String namespace, String name, DeleteOptions opts, int attempt) {
        String key = key(info, namespace, name);
        return store.get(info.qualifiedResource(), key).thenCompose(kv -> {
            if (kv == null) {
                throw ApiErrors.notFound(info.group(), info.resource(), name);
            }
            ObjectNode current = ObjectCodec.parseObject(kv.value());
            ObjectNode meta = ObjectCodec.metadata(current);
            checkPreconditions(name, meta, kv.revision(), opts);
            ObjectNode next = current.deepCopy();
            ObjectNode nextMeta = ObjectCodec.metadata(next);
            boolean pending = prepareDelete(next, nextMeta, opts);
            if (opts.dryRun()) {
                return CompletableFuture.completedFuture(new Deleted(pending ? Json.bytes(next) : kv.value(), !pending));
            }
            CompletableFuture<WriteResult> write = pending
                    ? store.update(info.qualifiedResource(), key, kv.revision(), ObjectCodec.stamp(next), List.of(), List.of())
                    : store.delete(info.qualifiedResource(), key, kv.revision(), ObjectCodec.stamp(current), claims.held(current));
            Stamped stampedNext = pending ? ObjectCodec.stamp(next) : ObjectCodec.stamp(current);
            return write.thenCompose(w -> switch (w.outcome()) {
                case OK -> CompletableFuture.completedFuture(new Deleted(stampedNext.at(w.revision()), !pending));
                case NOT_FOUND -> CompletableFuture.failedFuture(ApiErrors.notFound(info.group(), info.resource(), name));
                case CONFLICT -> {
                    if (opts.preconditionResourceVersion() != null || attempt >= MAX_RETRIES) {
                        yield CompletableFuture.failedFuture(ApiErrors.conflict(info.group(), info.resource(), name));
                    }
                    yield deleteAttempt(namespace, name, opts, attempt + 1);
                }
                default -> CompletableFuture.failedFuture(ApiErrors.internal("unexpected store outcome " + w.outcome()));
            });
        });
    }

    private void checkPreconditions(String name, ObjectNode meta, long revision, DeleteOptions opts) {
        if (opts.preconditionUid() != null && !opts.preconditionUid().equals(meta.path("uid").asText())) {
            throw ApiErrors.conflict(info.group(), info.resource(), name, "Precondition failed: UID in precondition: "
                    + opts.preconditionUid() + ", UID in object meta: " + meta.path("uid").asText());
        }
        if (opts.preconditionResourceVersion() != null
                && !opts.preconditionResourceVersion().equals(Long.toString(revision))) {
            throw ApiErrors.conflict(info.group(), info.resource(), name, "Precondition failed: ResourceVersion in precondition: "
                    + opts.preconditionResourceVersion() + ", ResourceVersion in object meta: " + revision);
        }
    }

    /**
     * Decides between removing now and marking for deletion (graceful deletion, finalizers, what the
     * type waits for), editing {@code next} for the latter. Returns true when deletion is pending.
     */
    private boolean prepareDelete(ObjectNode next, ObjectNode meta, DeleteOptions opts) {
        Instant now = clock.instant();
        boolean alreadyDeleting = meta.hasNonNull("deletionTimestamp");
        gcFinalizers(meta, opts.propagationPolicy());
        strategy.prepareForDelete(next);
        long grace = strategy.deletionGracePeriodSeconds(next, opts.gracePeriodSeconds());
        if (grace > 0) {
            long existing = meta.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
            if (!alreadyDeleting || grace < existing) {
                meta.put("deletionTimestamp", ObjectCodec.timestamp(now.plusSeconds(grace)));
                meta.put("deletionGracePeriodSeconds", grace);
            }
            return true;
        }
        if (meta.path("finalizers").size() > 0 || strategy.deletionPending(next)) {
            if (!alreadyDeleting) {
                meta.put("deletionTimestamp", ObjectCodec.timestamp(now));
            }
            meta.put("deletionGracePeriodSeconds", 0);
            return true;
        }
        return false;
    }

    /**
     * The garbage collector's finalizers for this delete, as upstream's
     * deletionFinalizersForGarbageCollection: both are recomputed on every delete (an explicit policy wins;
     * without one, a finalizer already set stays; otherwise the type's default), so a later Background
     * delete drops an {@code orphan} finalizer and Orphan and Foreground replace each other.
     */
    private void gcFinalizers(ObjectNode meta, String policy) {
        List<String> existing = new ArrayList<>();
        meta.path("finalizers").forEach(n -> existing.add(n.asText()));
        boolean orphan;
        boolean foreground;
        if (policy != null) {
            orphan = policy.equals("Orphan");
            foreground = policy.equals("Foreground");
        } else if (existing.contains("orphan")) {
            orphan = true;
            foreground = false;
        } else if (existing.contains("foregroundDeletion")) {
            orphan = false;
            foreground = true;
        } else {
            orphan = strategy.orphanDependentsByDefault();
            foreground = false;
        }
        List<String> next = new ArrayList<>();
        for (String f : existing) {
            if (!f.equals("orphan") && !f.equals("foregroundDeletion")) {
                next.add(f);
            }
        }
        if (orphan) {
            next.add("orphan");
        }
        if (foreground) {
            next.add("foregroundDeletion");
        }
        if (new java.util.HashSet<>(next).equals(new java.util.HashSet<>(existing))) {
            return;
        }
        if (next.isEmpty()) {
            meta.remove("finalizers");
        } else {
            ArrayNode arr = meta.putArray("finalizers");
            next.forEach(arr::add);
        }
    }

    private static void addFinalizer(ObjectNode meta, String finalizer) {
        ArrayNode finalizers = meta.has("finalizers") ? (ArrayNode) meta.get("finalizers") : meta.putArray("finalizers");
        for (JsonNode n : finalizers) {
            if (finalizer.equals(n.asText())) {
                return;
            }
        }
        finalizers.add(finalizer);
    }

    // ---------------------------------------------------------------- common checks

    private void checkTypeMeta(ObjectNode body) {
        String apiVersion = body.path("apiVersion").asText("");
        String kind = body.path("kind").asText("");
        if (kind.isEmpty()) {
            throw ApiErrors.badRequest("Object 'Kind' is missing in '" + abbreviate(Json.string(body)) + "'");
        }
        if (apiVersion.isEmpty()) {
            throw ApiErrors.badRequest("Object 'apiVersion' is missing in '" + abbreviate(Json.string(body)) + "'");
        }
        if (!apiVersion.equals(info.apiVersion())) {
            throw ApiErrors.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + info.apiVersion() + ")");
        }
        if (!kind.equals(info.kind())) {
            throw ApiErrors.badRequest(kind + " in version \"" + info.version() + "\" cannot be handled as a "
                    + info.kind() + ": the kind in the data (" + kind + ") does not match the expected kind ("
                    + info.kind() + ")");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Upstream EnsureObjectNamespaceMatchesRequestNamespace. */
    private void ensureNamespace(ObjectNode meta, String requestNamespace) {
        String objNs = meta.path("namespace").asText("");
        String reqNs = info.namespaced() ? (requestNamespace == null ? "" : requestNamespace) : "";
        if (objNs.equals(reqNs)) {
            return;
        }
        if (objNs.isEmpty()) {
            meta.put("namespace", reqNs);
        } else if (reqNs.isEmpty()) {
            meta.remove("namespace");
        } else {
            throw ApiErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /**
     * Drops the fields the type does not know from a client's body, as decoding does upstream: a warning each,
     * or 400 under {@code fieldValidation=Strict}. Create and update do it themselves, except for a
     * {@link Part#SYSTEM} update, whose caller does it for any client content it puts in.
     */
    public void pruneUnknown(ObjectNode body, WriteOptions opts, List<String> warnings) {
        List<String> unknown = KnownFields.prune(body, strategy.type());
        if (unknown.isEmpty()) {
            return;
        }
        switch (opts.fieldValidation()) {
            case STRICT -> throw ApiErrors.badRequest(info.kind() + " in version \"" + info.version()
                    + "\" cannot be handled as a " + info.kind() + ": " + KnownFields.strictDecodingMessage(unknown));
            case WARN -> unknown.forEach(p -> warnings.add(KnownFields.unknownFieldMessage(p)));
            case IGNORE -> {
            }
        }
    }

    private void throwIfInvalid(T obj, FieldErrors errs) {
        if (!errs.isEmpty()) {
            ObjectMeta m = obj.getMetadata();
            String name = m == null || m.getName() == null ? "" : m.getName();
            throw ApiErrors.invalid(info.group(), info.kind(), name, errs.list());
        }
    }

    /** NamespaceLifecycle admission: the namespace must exist and not be terminating. */
    private CompletableFuture<Void> namespaceAdmission(String namespace) {
        if (!info.namespaced()) {
            return CompletableFuture.completedFuture(null);
        }
        ResourceInfo nsInfo = io.kubeboot.api.resource.BuiltinResources.get().byResource("", "v1", "namespaces").orElseThrow();
        return store.get(nsInfo.qualifiedResource(), namespace).thenAccept(kv -> {
            if (kv == null) {
                throw ApiErrors.notFound("", "namespaces", namespace);
            }
            JsonNode ns = ObjectCodec.parseObject(kv.value());
            if (ns.path("metadata").hasNonNull("deletionTimestamp")) {
                throw ApiErrors.namespaceTerminating(info.group(), info.resource(), namespace);
            }
        });
    }

    private static String randomSuffix() {
        char[] c = new char[5];
        for (int i = 0; i < c.length; i++) {
            c[i] = NAME_CHARS[RANDOM.nextInt(NAME_CHARS.length)];
        }
        return new String(c);
    }

}
