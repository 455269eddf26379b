package io.kubeboot.apiserver.registry.endpointslices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointHints;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.ForZone;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.IpAddress;
import io.kubeboot.apiserver.registry.Strategy;
import io.kubeboot.apiserver.registry.workloads.PodTemplates;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * discovery.k8s.io/v1 EndpointSlice, as upstream {@code pkg/registry/discovery/endpointslice/strategy.go}
 * and {@code pkg/apis/discovery/validation}. EndpointSlices have no spec, so the strategy keeps the
 * generation itself: 1 on create, bumped when anything but metadata (or the labels) changes.
 */
@Component
public class EndpointSliceStrategy implements Strategy<EndpointSlice> {
    private static final ResourceInfo INFO =
            BuiltinResources.get().byResource("discovery.k8s.io", "v1", "endpointslices").orElseThrow();
    static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
    static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    static final int MAX_TOPOLOGY_LABELS = 16;
    static final int MAX_ADDRESSES = 100;
    static final int MAX_PORTS = 20000;
    static final int MAX_ENDPOINTS = 1000;
    static final int MAX_ZONE_HINTS = 8;

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<EndpointSlice> type() {
        return EndpointSlice.class;
    }

    @Override
    public void prepareForCreate(EndpointSlice eps) {
        if (eps.getMetadata() != null) {
            eps.getMetadata().setGeneration(1L);
        }
    }

    @Override
    public void prepareForUpdate(EndpointSlice eps, EndpointSlice old) {
        if (eps.getMetadata() == null || old.getMetadata() == null) {
            return;
        }
        boolean bodyChanged = !withoutMetadata(eps).equals(withoutMetadata(old));
        boolean labelsChanged = !Objects.equals(nzMap(eps.getMetadata().getLabels()), nzMap(old.getMetadata().getLabels()));
        long oldGen = old.getMetadata().getGeneration() == null ? 0 : old.getMetadata().getGeneration();
        eps.getMetadata().setGeneration(bodyChanged || labelsChanged ? oldGen + 1 : oldGen);
    }

    @Override
    public void applyDefaults(EndpointSlice eps) {
        if (eps.getPorts() != null) {
            for (EndpointPort p : eps.getPorts()) {
                if (p.getName() == null) {
                    p.setName("");
                }
                if (p.getProtocol() == null) {
                    p.setProtocol("TCP");
                }
            }
        }
    }

    @Override
    public FieldErrors validate(EndpointSlice eps) {
        FieldErrors errs = new FieldErrors();
        String type = eps.getAddressType() == null ? "" : eps.getAddressType();
        if (type.isEmpty()) {
            errs.required(FieldPath.of("addressType"), "");
        } else if (!ADDRESS_TYPES.contains(type)) {
            errs.notSupported(FieldPath.of("addressType"), type, ADDRESS_TYPES);
        }
        validateEndpoints(nz(eps.getEndpoints()), type, FieldPath.of("endpoints"), errs);
        validatePorts(nz(eps.getPorts()), FieldPath.of("ports"), errs);
        return errs;
    }

    @Override
    public FieldErrors validateUpdate(EndpointSlice eps, EndpointSlice old) {
        FieldErrors errs = validate(eps);
        if (!Objects.equals(nzs(eps.getAddressType()), nzs(old.getAddressType()))) {
            errs.invalid(FieldPath.of("addressType"), nzs(eps.getAddressType()), "field is immutable");
        }
        return errs;
    }

    static void validateEndpoints(List<Endpoint> endpoints, String addressType, FieldPath path, FieldErrors errs) {
        if (endpoints.size() > MAX_ENDPOINTS) {
            errs.add(FieldError.tooMany(path.toString(), endpoints.size(), MAX_ENDPOINTS));
            return;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint ep = endpoints.get(i);
            FieldPath idx = path.index(i);
            FieldPath ap = idx.child("addresses");
            List<String> addresses = nz(ep.getAddresses());
            if (addresses.isEmpty()) {
                errs.required(ap, "must contain at least 1 address");
            } else if (addresses.size() > MAX_ADDRESSES) {
                errs.add(FieldError.tooMany(ap.toString(), addresses.size(), MAX_ADDRESSES));
            }
            for (int j = 0; j < addresses.size(); j++) {
                validateAddress(addresses.get(j) == null ? "" : addresses.get(j), addressType, ap.index(j), errs);
            }
            if (ep.getNodeName() != null) {
                for (String m : Dns.isDns1123Subdomain(ep.getNodeName())) {
                    errs.invalid(idx.child("nodeName"), ep.getNodeName(), m);
                }
            }
            FieldPath tp = idx.child("deprecatedTopology");
            if (ep.getDeprecatedTopology() != null) {
                if (ep.getDeprecatedTopology().size() > MAX_TOPOLOGY_LABELS) {
                    errs.add(FieldError.tooMany(tp.toString(), ep.getDeprecatedTopology().size(), MAX_TOPOLOGY_LABELS));
                }
                errs.addAll(PodTemplates.validateLabels(ep.getDeprecatedTopology(), tp));
            }
            if (ep.getHostname() != null) {
                for (String m : Dns.isDns1123Label(ep.getHostname())) {
                    errs.invalid(idx.child("hostname"), ep.getHostname(), m);
                }
            }
            if (ep.getHints() != null) {
                validateHints(ep.getHints(), idx.child("hints"), errs);
            }
        }
    }

    /** Addresses are checked per addressType; FQDN names as upstream {@code IsFullyQualifiedDomainName}. */
    static void validateAddress(String address, String addressType, FieldPath path, FieldErrors errs) {
        switch (addressType) {
            case "IPv4", "IPv6" -> {
                IpAddress ip = IpAddress.parse(address);
                boolean v4 = "IPv4".equals(addressType);
                if (ip == null || ip.isIpv4() != v4) {
                    errs.invalid(path, address, "must be a valid " + addressType + " address");
                }
                validateEndpointIp(address, ip, path, errs);
            }
            case "FQDN" -> validateFqdn(address, path, errs);
            default -> {
                // unknown address types are reported on addressType and not checked further
            }
        }
    }

    /** Upstream {@code ValidateEndpointIP}: no unspecified, loopback or link-local endpoints. */
    static void validateEndpointIp(String address, IpAddress ip, FieldPath path, FieldErrors errs) {
        if (ip == null) {
            errs.invalid(path, address, "must be a valid IP address");
            return;
        }
        if (ip.isUnspecified()) {
            errs.invalid(path, address, "may not be unspecified (" + address + ")");
        }
        if (ip.isLoopback()) {
            errs.invalid(path, address, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
        }
        if (ip.isLinkLocalUnicast()) {
            errs.invalid(path, address, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        }
        if (ip.isLinkLocalMulticast()) {
            errs.invalid(path, address, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
        }
    }

    static void validateFqdn(String name, FieldPath path, FieldErrors errs) {
        if (name.isEmpty()) {
            errs.required(path, "");
            return;
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<String> msgs = Dns.isDns1123Subdomain(n);
        if (!msgs.isEmpty()) {
            errs.invalid(path, n, String.join(",", msgs));
            return;
        }
        String[] labels = n.split("\\.", -1);
        if (labels.length < 2) {
            errs.invalid(path, n, "should be a domain with at least two segments separated by dots");
            return;
        }
        for (String label : labels) {
            List<String> lm = Dns.isDns1123Label(label);
            if (!lm.isEmpty()) {
                errs.invalid(path, label, String.join(",", lm));
                return;
            }
        }
    }

    static void validatePorts(List<EndpointPort> ports, FieldPath path, FieldErrors errs) {
        if (ports.size() > MAX_PORTS) {
            errs.add(FieldError.tooMany(path.toString(), ports.size(), MAX_PORTS));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            EndpointPort port = ports.get(i);
            FieldPath idx = path.index(i);
            String name = port.getName() == null ? "" : port.getName();
            if (!name.isEmpty()) {
                for (String m : Dns.isDns1123Label(name)) {
                    errs.invalid(idx.child("name"), name, m);
                }
            }
            if (!names.add(name)) {
                errs.duplicate(idx.child("name"), name);
            }
            if (port.getProtocol() == null) {
                errs.required(idx.child("protocol"), "");
            } else if (!PROTOCOLS.contains(port.getProtocol())) {
                errs.notSupported(idx.child("protocol"), port.getProtocol(), PROTOCOLS);
            }
            if (port.getAppProtocol() != null) {
                errs.addAll(FieldValidators.qualifiedName(port.getAppProtocol(), idx.child("appProtocol")));
            }
        }
    }

    static void validateHints(EndpointHints hints, FieldPath path, FieldErrors errs) {
        List<ForZone> zones = nz(hints.getForZones());
        FieldPath fz = path.child("forZones");
        if (zones.size() > MAX_ZONE_HINTS) {
            errs.add(FieldError.tooMany(fz.toString(), zones.size(), MAX_ZONE_HINTS));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i).getName() == null ? "" : zones.get(i).getName();
            FieldPath zp = fz.index(i).child("name");
            if (!seen.add(zone)) {
                errs.duplicate(zp, zone);
            }
            errs.addAll(FieldValidators.labelValue(zone, zp));
        }
    }

    private static ObjectNode withoutMetadata(EndpointSlice eps) {
        ObjectNode n = Json.MAPPER.valueToTree(eps);
        n.remove("metadata");
        return n;
    }

    private static String nzs(String s) {
        return s == null ? "" : s;
    }

    private static java.util.Map<String, String> nzMap(java.util.Map<String, String> m) {
        return m == null ? java.util.Map.of() : m;
    }

    private static <T> List<T> nz(List<T> l) {
        return l == null ? List.of() : l;
    }
}
