package io.kubeboot.controller.endpointslice;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream {@code EndpointSet}: endpoints keyed by identity only (sorted addresses, hostname, target namespace and
 * name), so an endpoint whose conditions, node or zone changed is found again and updated in place. Insertion
 * ordered, so {@link #popAny()} is deterministic. Not thread safe.
 */
final class EndpointSet {
    record Key(List<String> addresses, String hostname, String namespace, String name) {
        static Key of(Endpoint e) {
            List<String> addrs = new ArrayList<>(e.getAddresses() == null ? List.of() : e.getAddresses());
            addrs.sort(null);
            String ns = e.getTargetRef() == null ? "" : nz(e.getTargetRef().getNamespace());
            String name = e.getTargetRef() == null ? "" : nz(e.getTargetRef().getName());
            return new Key(List.copyOf(addrs), nz(e.getHostname()), ns, name);
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }

    private final Map<Key, Endpoint> items = new LinkedHashMap<>();

    void insert(Endpoint e) {
        items.put(Key.of(e), e);
    }

    Optional<Endpoint> get(Endpoint e) {
        return Optional.ofNullable(items.get(Key.of(e)));
    }

    void delete(Endpoint e) {
        items.remove(Key.of(e));
    }

    Endpoint popAny() {
        Iterator<Endpoint> it = items.values().iterator();
        Endpoint e = it.next();
        it.remove();
        return e;
    }

    int size() {
        return items.size();
    }
}
