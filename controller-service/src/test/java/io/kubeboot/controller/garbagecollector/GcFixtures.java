package io.kubeboot.controller.garbagecollector;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubeboot.runtime.workqueue.RateLimitingQueue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builders and queue helpers shared by the garbage collector's tests. */
final class GcFixtures {
    private GcFixtures() {
    }

    static ObjectIdentity id(String apiVersion, String kind, String namespace, String name, String uid) {
        return new ObjectIdentity(apiVersion, kind, namespace, name, uid);
    }

    /** An ownerReference with exactly the coordinates of {@code owner}. */
    static OwnerReference ref(ObjectIdentity owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.apiVersion()).withKind(owner.kind())
                .withName(owner.name()).withUid(owner.uid()).build();
    }

    static OwnerReference blockingRef(ObjectIdentity owner) {
        return new OwnerReferenceBuilder(ref(owner)).withController(true).withBlockOwnerDeletion(true).build();
    }

    /** A reference by uid only, as upstream's createEvent does. */
    static OwnerReference uidRef(String uid) {
        return new OwnerReferenceBuilder().withUid(uid).build();
    }

    static ObjectMeta meta(ObjectIdentity self, OwnerReference... owners) {
        return new ObjectMetaBuilder().withNamespace(self.namespace().isEmpty() ? null : self.namespace())
                .withName(self.name()).withUid(self.uid()).withResourceVersion("1")
                .withOwnerReferences(owners.length == 0 ? null : Arrays.asList(owners)).build();
    }

    static ObjectMeta deleting(ObjectMeta m, String... finalizers) {
        return new ObjectMetaBuilder(m).withDeletionTimestamp("2024-01-01T00:00:00Z")
                .withFinalizers(Arrays.asList(finalizers)).build();
    }

    static GraphEvent addEvent(ObjectIdentity self, OwnerReference... owners) {
        return GraphEvent.add(self.apiVersion(), self.kind(), meta(self, owners));
    }

    static GraphEvent deleteEvent(ObjectIdentity self, OwnerReference... owners) {
        return GraphEvent.delete(self.apiVersion(), self.kind(), meta(self, owners));
    }

    /** Everything ready in the queue, in order, each marked done. */
    static <T> List<T> drain(RateLimitingQueue<T> q) throws InterruptedException {
        List<T> out = new ArrayList<>();
        while (q.len() > 0) {
            T item = q.get();
            q.done(item);
            out.add(item);
        }
        return out;
    }

    static List<ObjectIdentity> identities(List<Node> nodes) {
        return nodes.stream().map(Node::identity).toList();
    }
}
