package io.kubeboot.controller.namespace;

import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceConditionBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream {@code namespaceConditionUpdater}: turns the problems of one deletion pass into the namespace's
 * deletion conditions. Every pass sets all five types: True with the failure, or False with the "ok" reason and
 * message; lastTransitionTime changes only when the status flips. Not thread safe; one per pass.
 */
final class NamespaceConditions {
    static final String DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";
    static final String GV_PARSING_FAILURE = "NamespaceDeletionGroupVersionParsingFailure";
    static final String CONTENT_FAILURE = "NamespaceDeletionContentFailure";
    static final String CONTENT_REMAINING = "NamespaceContentRemaining";
    static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

    static final List<String> TYPES = List.of(DISCOVERY_FAILURE, GV_PARSING_FAILURE, CONTENT_FAILURE, CONTENT_REMAINING,
            FINALIZERS_REMAINING);
    private static final Map<String, String> OK_MESSAGES = Map.of(
            DISCOVERY_FAILURE, "All resources successfully discovered",
            GV_PARSING_FAILURE, "All legacy kube types successfully parsed",
            CONTENT_FAILURE, "All content successfully deleted, may be waiting on finalization",
            CONTENT_REMAINING, "All content successfully removed",
            FINALIZERS_REMAINING, "All content-preserving finalizers finished");
    private static final Map<String, String> OK_REASONS = Map.of(
            DISCOVERY_FAILURE, "ResourcesDiscovered",
            GV_PARSING_FAILURE, "ParsedGroupVersions",
            CONTENT_FAILURE, "ContentDeleted",
            CONTENT_REMAINING, "ContentRemoved",
            FINALIZERS_REMAINING, "ContentHasNoFinalizers");

    private final String now;
    private final List<NamespaceCondition> failures = new ArrayList<>();
    private final List<String> deleteContentErrors = new ArrayList<>();

    /** @param now the RFC 3339 time stamped on changed conditions */
    NamespaceConditions(String now) {
        this.now = now;
    }

    /** Upstream {@code ProcessDiscoverResourcesErr} for an incomplete discovery. */
    void discoveryFailed(int failingGroups, String error) {
        failures.add(failure(DISCOVERY_FAILURE, "DiscoveryFailed",
                "Discovery failed for some groups, " + failingGroups + " failing: " + error));
    }

    void deleteContentFailed(String error) {
        deleteContentErrors.add(error);
    }

    /**
     * Upstream {@code ProcessContentTotals}: resources remaining per resource ("pods. has 2 resource instances") and
     * per finalizer ("foo.io/bar in 2 resource instances"), each list sorted.
     */
    void contentTotals(Map<GroupVersionResource, Integer> remainingByResource, Map<String, Integer> remainingByFinalizer) {
        if (!remainingByResource.isEmpty()) {
            List<String> parts = new ArrayList<>();
            remainingByResource.forEach((gvr, n) -> {
                if (n != 0) {
                    parts.add(gvr.resource() + "." + gvr.group() + " has " + n + " resource instances");
                }
            });
            parts.sort(null);
            failures.add(failure(CONTENT_REMAINING, "SomeResourcesRemain", "Some resources are remaining: " + String.join(", ", parts)));
        }
        if (!remainingByFinalizer.isEmpty()) {
            List<String> parts = new ArrayList<>();
            remainingByFinalizer.forEach((f, n) -> {
                if (n != 0) {
                    parts.add(f + " in " + n + " resource instances");
                }
            });
            parts.sort(null);
            failures.add(failure(FINALIZERS_REMAINING, "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: " + String.join(", ", parts)));
        }
    }

    /**
     * Upstream {@code Update}: the namespace's conditions after this pass (a new list; {@code current} is not
     * modified), or {@code null} when nothing changed.
     */
    List<NamespaceCondition> update(List<NamespaceCondition> current) {
        List<NamespaceCondition> wanted = new ArrayList<>(failures);
        if (find(wanted, CONTENT_FAILURE) == null && !deleteContentErrors.isEmpty()) {
            List<String> msgs = new ArrayList<>(deleteContentErrors);
            msgs.sort(null);
            wanted.add(failure(CONTENT_FAILURE, "ContentDeletionFailed",
                    "Failed to delete all resource types, " + msgs.size() + " remaining: " + String.join(", ", msgs)));
        }
        List<NamespaceCondition> result = new ArrayList<>();
        if (current != null) {
            for (NamespaceCondition c : current) {
                result.add(new NamespaceConditionBuilder(c).build());
            }
        }
        boolean changed = false;
        for (String type : TYPES) {
            NamespaceCondition next = find(wanted, type);
            if (next == null) {
                next = new NamespaceConditionBuilder().withType(type).withStatus("False").withLastTransitionTime(now)
                        .withReason(OK_REASONS.get(type)).withMessage(OK_MESSAGES.get(type)).build();
            }
            NamespaceCondition old = find(result, type);
            if (old == null) {
                result.add(next);
                changed = true;
            } else if (!Objects.equals(old.getStatus(), next.getStatus()) || !Objects.equals(old.getMessage(), next.getMessage())
                    || !Objects.equals(old.getReason(), next.getReason())) {
                if (!Objects.equals(old.getStatus(), next.getStatus())) {
                    old.setLastTransitionTime(now);
                }
                old.setStatus(next.getStatus());
                old.setReason(next.getReason());
                old.setMessage(next.getMessage());
                changed = true;
            }
        }
        return changed ? result : null;
    }

    private NamespaceCondition failure(String type, String reason, String message) {
        return new NamespaceConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now)
                .withReason(reason).withMessage(message).build();
    }

    private static NamespaceCondition find(List<NamespaceCondition> conditions, String type) {
        for (NamespaceCondition c : conditions) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }
}
