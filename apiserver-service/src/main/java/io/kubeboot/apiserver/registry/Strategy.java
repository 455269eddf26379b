package io.kubeboot.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.NameValidation;

import java.util.List;

/**
 * The type-specific behaviour of one resource, as upstream's {@code rest.RESTCreateStrategy} /
 * {@code RESTUpdateStrategy} pair in {@code pkg/registry/<group>/<type>/strategy.go}. The generic
 * registry does everything common (ObjectMeta, uid, resourceVersion, generation, status
 * subresource split, finalizers) and calls these hooks in this order:
 *
 * <pre>
 * create:        prepareForCreate -> applyDefaults -> validate        (ObjectMeta validated by the registry)
 * update:        prepareForUpdate -> applyDefaults -> validateUpdate
 * status update: prepareForStatusUpdate -> validateStatusUpdate
 * </pre>
 *
 * <p>The deletion hooks work on the stored JSON, as deletion never decodes the object. Hooks mutate the object they are given, which is always a private copy, never a cached one.
 * Implementations are stateless and thread safe.
 */
public interface Strategy<T extends HasMetadata> {

    ResourceInfo info();

    Class<T> type();

    /** Server-set fields on create, e.g. a Pod's {@code status.phase=Pending}; status is already reset. */
    default void prepareForCreate(T obj) {
    }

    /** Server-side carry-over on update of the main resource; status is already copied from {@code old}. */
    default void prepareForUpdate(T obj, T old) {
    }

    /** Upstream's {@code SetDefaults_*} for this type and the types nested in it. Idempotent. */
    default void applyDefaults(T obj) {
    }

    /** Type-specific validation of a new object (the registry validates ObjectMeta). */
    FieldErrors validate(T obj);

    /** Type-specific validation of an update, immutable fields included. */
    FieldErrors validateUpdate(T obj, T old);

    /** On a write to {@code /status}: the registry has already put {@code old}'s spec into {@code obj}. */
    default void prepareForStatusUpdate(T obj, T old) {
    }

    default FieldErrors validateStatusUpdate(T obj, T old) {
        return new FieldErrors();
    }

    /** Whether {@code metadata.generation} is bumped when {@code .spec} changes (apps, batch types). */
    default boolean tracksGeneration() {
        return false;
    }

    /** Whether a status sent on create is kept (Node) instead of reset (everything else). */
    default boolean keepsStatusOnCreate() {
        return false;
    }

    /** How {@code metadata.name} is validated; most types use DNS-1123 subdomains. */
    default NameValidation.NameValidator nameValidator() {
        return NameValidation::dns1123Subdomain;
    }

    /** Upstream's {@code AllowCreateOnUpdate}: whether a PUT of a missing object creates it. */
    default boolean allowCreateOnUpdate() {
        return false;
    }

    /**
     * Graceful deletion (upstream {@code CheckGracefulDelete}): how many seconds an object stays, marked
     * with a deletionTimestamp, before it goes; 0 deletes at once. {@code requested} is
     * {@code DeleteOptions.gracePeriodSeconds}, or null.
     */
    default long deletionGracePeriodSeconds(JsonNode obj, Long requested) {
        return 0;
    }

    /**
     * Whether dependents are orphaned when a delete names no propagation policy (upstream's
     * {@code DefaultGarbageCollectionPolicy} = OrphanDependents, as batch/v1 Jobs have); otherwise the
     * garbage collector deletes them in the background.
     */
    default boolean orphanDependentsByDefault() {
        return false;
    }

    /** Marks an object whose deletion is starting, e.g. a Namespace's {@code status.phase: Terminating}. */
    default void prepareForDelete(ObjectNode obj) {
    }

    /**
     * Whether a deleted object must stay for something beyond {@code metadata.finalizers}, e.g. a
     * Namespace's {@code spec.finalizers}, which its controller empties through {@code /finalize}.
     */
    default boolean deletionPending(JsonNode obj) {
        return false;
    }

    /** Warnings returned to the client (Warning headers), e.g. for deprecated fields. */
    default List<String> warningsOnCreate(T obj) {
        return List.of();
    }
}
