package io.kubeboot.controller.garbagecollector;

import io.kubeboot.controller.util.Fabric8MetadataClient;
import io.kubeboot.controller.util.MetadataClient;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeboot.api.resource.ResourceInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory apiserver for {@link GarbageCollector}: objects by resource/namespace/name, every call recorded as
 * upstream's tests record them ("get pods ns=ns1 name=p"), errors scripted per call. Patches are recorded, not
 * applied. Not thread safe.
 */
final class FakeMetadataClient implements MetadataClient {
    record Patch(String target, String type, String body) {
    }

    private final Map<String, ObjectMeta> objects = new HashMap<>();
    private final Map<String, Deque<Integer>> failures = new HashMap<>();
    final List<String> actions = new ArrayList<>();
    final List<Patch> patches = new ArrayList<>();
    final List<String> deleteOptions = new ArrayList<>();

    void put(String resource, ObjectMeta meta) {
        objects.put(key(resource, meta.getNamespace(), meta.getName()), meta);
    }

    /** The next calls described by {@code action} (e.g. "patch configmaps ns=ns1 name=a") fail with these codes. */
    void failNext(String action, Integer... codes) {
        failures.computeIfAbsent(action, k -> new ArrayDeque<>()).addAll(List.of(codes));
    }

    @Override
    public ObjectMeta get(ResourceInfo resource, String namespace, String name) {
        record("get", resource, namespace, name);
        ObjectMeta m = objects.get(key(resource.resource(), namespace, name));
        if (m == null) {
            throw error(404);
        }
        return new ObjectMetaBuilder(m).build();
    }

    @Override
    public void delete(ResourceInfo resource, String namespace, String name, String preconditionUid, String propagationPolicy) {
        record("delete", resource, namespace, name);
        deleteOptions.add("uid=" + preconditionUid + " policy=" + propagationPolicy);
        if (objects.remove(key(resource.resource(), namespace, name)) == null) {
            throw error(404);
        }
    }

    @Override
    public ObjectMeta patch(ResourceInfo resource, String namespace, String name, String patchType, String body) {
        String target = "patch " + resource.resource() + (namespace.isEmpty() ? "" : " ns=" + namespace) + " name=" + name;
        // recorded before a scripted failure: a failed patch was still sent
        patches.add(new Patch(target, patchType, body));
        record("patch", resource, namespace, name);
        ObjectMeta m = objects.get(key(resource.resource(), namespace, name));
        if (m == null) {
            throw error(404);
        }
        return m;
    }

    private void record(String verb, ResourceInfo resource, String namespace, String name) {
        String action = verb + " " + resource.resource() + (namespace.isEmpty() ? "" : " ns=" + namespace) + " name=" + name;
        actions.add(action);
        Deque<Integer> codes = failures.get(action);
        if (codes != null && !codes.isEmpty()) {
            throw error(codes.poll());
        }
    }

    private static String key(String resource, String namespace, String name) {
        return resource + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    static KubernetesClientException error(int code) {
        return Fabric8MetadataClient.error(code, null);
    }
}
