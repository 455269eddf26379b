package io.kubeboot.controller.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream {@code pkg/api/v1/endpoints}: {@code RepackSubsets} and {@code SortSubsets}, the canonical layout of
 * Endpoints subsets so that equal contents compare equal. Pure; never modifies its input.
 *
 * <p>Canonical form (port-less addresses, as of headless Services without ports, are kept in a port-less subset):
 * one subset per distinct set of (address, ready) pairs, carrying every port that exactly those
 * addresses serve; addresses de-duplicated by IP + targetRef uid; an address that is not ready on some port is
 * not ready there even if another subset said ready. Addresses sort by IP (bytewise) then uid (no targetRef first);
 * ports and subsets sort by an MD5 digest of their contents (an arbitrary but stable order, as upstream's).
 */
public final class EndpointSubsets {
    private EndpointSubsets() {
    }

    private record AddressKey(String ip, String uid) {
    }

    private record PortKey(String name, Integer port, String protocol, String appProtocol) {
        static PortKey of(EndpointPort p) {
            return new PortKey(p.getName(), p.getPort(), p.getProtocol(), p.getAppProtocol());
        }

        EndpointPort toPort() {
            return new EndpointPortBuilder().withName(name).withPort(port).withProtocol(protocol).withAppProtocol(appProtocol).build();
        }
    }

    private record AddrReady(AddressKey key, boolean ready) {
    }

    /** The sentinel port of port-less addresses, stripped again from the result. */
    private static final PortKey NO_PORTS = new PortKey(null, -1, null, null);

    /** Upstream {@code RepackSubsets}. */
    public static List<EndpointSubset> repack(List<EndpointSubset> subsets) {
        Map<AddressKey, EndpointAddress> allAddrs = new HashMap<>();
        Map<PortKey, Map<AddressKey, Boolean>> portToAddrReady = new LinkedHashMap<>();
        for (EndpointSubset ss : nn(subsets)) {
            // addresses without ports (headless Services without ports) are kept under a sentinel port
            List<PortKey> ports = nn(ss.getPorts()).isEmpty() ? List.of(NO_PORTS)
                    : nn(ss.getPorts()).stream().map(PortKey::of).toList();
            for (PortKey port : ports) {
                for (EndpointAddress a : nn(ss.getAddresses())) {
                    mapAddressByPort(a, port, true, allAddrs, portToAddrReady);
                }
                for (EndpointAddress a : nn(ss.getNotReadyAddresses())) {
                    mapAddressByPort(a, port, false, allAddrs, portToAddrReady);
                }
            }
        }
        // group the ports by the exact set of (address, ready) they are offered on
        Map<List<AddrReady>, List<PortKey>> portsByAddrSet = new LinkedHashMap<>();
        for (Map.Entry<PortKey, Map<AddressKey, Boolean>> e : portToAddrReady.entrySet()) {
            List<AddrReady> set = new ArrayList<>();
            e.getValue().forEach((k, ready) -> set.add(new AddrReady(k, ready)));
            set.sort(Comparator.comparing(AddrReady::key, (a, b) -> compareAddresses(allAddrs.get(a), allAddrs.get(b))));
            portsByAddrSet.computeIfAbsent(set, k -> new ArrayList<>()).add(e.getKey());
        }
        List<EndpointSubset> out = new ArrayList<>();
        portsByAddrSet.forEach((set, ports) -> {
            List<EndpointAddress> ready = new ArrayList<>();
            List<EndpointAddress> notReady = new ArrayList<>();
            for (AddrReady ar : set) {
                EndpointAddress copy = new EndpointAddressBuilder(allAddrs.get(ar.key())).build();
                (ar.ready() ? ready : notReady).add(copy);
            }
            List<EndpointPort> portList = ports.size() == 1 && ports.get(0).equals(NO_PORTS) ? List.of()
                    : ports.stream().map(PortKey::toPort).toList();
            out.add(new EndpointSubsetBuilder().withAddresses(ready).withNotReadyAddresses(notReady).withPorts(portList).build());
        });
        return sort(out);
    }

    private static void mapAddressByPort(EndpointAddress addr, PortKey port, boolean ready,
                                         Map<AddressKey, EndpointAddress> allAddrs, Map<PortKey, Map<AddressKey, Boolean>> portToAddrReady) {
        // no targetRef and a targetRef without uid are the same key, as upstream's zero-valued uid
        AddressKey key = new AddressKey(addr.getIp(), addr.getTargetRef() == null ? "" : nz(addr.getTargetRef().getUid()));
        allAddrs.putIfAbsent(key, addr);
        Map<AddressKey, Boolean> addrs = portToAddrReady.computeIfAbsent(port, k -> new LinkedHashMap<>());
        // not ready always trumps ready
        Boolean was = addrs.get(key);
        if (was == null || was) {
            addrs.put(key, ready);
        }
    }

    /** Upstream {@code SortSubsets}, on copies: addresses, not-ready addresses and ports within each subset, then the subsets. */
    public static List<EndpointSubset> sort(List<EndpointSubset> subsets) {
        List<EndpointSubset> out = new ArrayList<>();
        for (EndpointSubset ss : nn(subsets)) {
            List<EndpointAddress> ready = new ArrayList<>(nn(ss.getAddresses()));
            ready.sort(EndpointSubsets::compareAddresses);
            List<EndpointAddress> notReady = new ArrayList<>(nn(ss.getNotReadyAddresses()));
            notReady.sort(EndpointSubsets::compareAddresses);
            List<EndpointPort> ports = new ArrayList<>(nn(ss.getPorts()));
            ports.sort(Comparator.comparing(p -> digest(portText(p)), Arrays::compare));
            out.add(new EndpointSubsetBuilder().withAddresses(ready).withNotReadyAddresses(notReady).withPorts(ports).build());
        }
        out.sort(Comparator.comparing(s -> digest(subsetText(s)), Arrays::compare));
        return out;
    }

    /** Upstream {@code LessEndpointAddress} as a comparator: IP bytes, then targetRef uid (none sorts first). */
    public static int compareAddresses(EndpointAddress a, EndpointAddress b) {
        int c = Arrays.compare(bytes(a.getIp()), bytes(b.getIp()));
        if (c != 0) {
            return c;
        }
        String ua = a.getTargetRef() == null ? null : nz(a.getTargetRef().getUid());
        String ub = b.getTargetRef() == null ? null : nz(b.getTargetRef().getUid());
        if (ua == null || ub == null) {
            return ua == null ? (ub == null ? 0 : -1) : 1;
        }
        return ua.compareTo(ub);
    }

    /**
     * Upstream {@code endpointSubsetsEqualIgnoreResourceVersion}: equal contents, ignoring the targetRefs'
     * resourceVersion, an absent list being equal to an empty one.
     */
    public static boolean equalIgnoringResourceVersion(List<EndpointSubset> a, List<EndpointSubset> b) {
        List<EndpointSubset> x = nn(a);
        List<EndpointSubset> y = nn(b);
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!subsetText(x.get(i)).equals(subsetText(y.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** The number of addresses (ready and not ready) over all subsets. */
    public static int addressCount(List<EndpointSubset> subsets) {
        int n = 0;
        for (EndpointSubset ss : nn(subsets)) {
            n += nn(ss.getAddresses()).size() + nn(ss.getNotReadyAddresses()).size();
        }
        return n;
    }

    private static String subsetText(EndpointSubset ss) {
        StringBuilder sb = new StringBuilder("A[");
        for (EndpointAddress a : nn(ss.getAddresses())) {
            sb.append(addressText(a)).append(';');
        }
        sb.append("]N[");
        for (EndpointAddress a : nn(ss.getNotReadyAddresses())) {
            sb.append(addressText(a)).append(';');
        }
        sb.append("]P[");
        for (EndpointPort p : nn(ss.getPorts())) {
            sb.append(portText(p)).append(';');
        }
        return sb.append(']').toString();
    }

    private static String addressText(EndpointAddress a) {
        ObjectReference r = a.getTargetRef();
        String ref = r == null ? "-" : String.join(",", nz(r.getKind()), nz(r.getNamespace()), nz(r.getName()), nz(r.getUid()),
                nz(r.getApiVersion()), nz(r.getFieldPath()));
        return String.join("|", nz(a.getIp()), nz(a.getHostname()), a.getNodeName() == null ? "-" : "=" + a.getNodeName(), ref);
    }

    private static String portText(EndpointPort p) {
        return String.join("|", nz(p.getName()), String.valueOf(p.getPort()), nz(p.getProtocol()),
                p.getAppProtocol() == null ? "-" : "=" + p.getAppProtocol());
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return nz(s).getBytes(StandardCharsets.UTF_8);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static <T> List<T> nn(List<T> l) {
        return l == null ? List.of() : l;
    }
}
