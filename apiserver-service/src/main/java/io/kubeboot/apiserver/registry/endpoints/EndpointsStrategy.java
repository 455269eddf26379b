package io.kubeboot.apiserver.registry.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.NameValidation;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Endpoints, as upstream's {@code pkg/registry/core/endpoint/strategy.go}: ports default to TCP;
 * every subset needs addresses, which must be real, non-special IPs.
 */
@Component
public class EndpointsStrategy implements Strategy<Endpoints> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("", "v1", "endpoints").orElseThrow();
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<Endpoints> type() {
        return Endpoints.class;
    }

    /** {@code SetDefaults_Endpoints}. */
    @Override
    public void applyDefaults(Endpoints ep) {
        for (EndpointSubset ss : nn(ep.getSubsets())) {
            for (EndpointPort p : nn(ss.getPorts())) {
                if (p.getProtocol() == null || p.getProtocol().isEmpty()) {
                    p.setProtocol("TCP");
                }
            }
        }
    }

    @Override
    public FieldErrors validate(Endpoints ep) {
        FieldErrors errs = new FieldErrors();
        List<EndpointSubset> subsets = nn(ep.getSubsets());
        for (int i = 0; i < subsets.size(); i++) {
            EndpointSubset ss = subsets.get(i);
            FieldPath idx = FieldPath.of("subsets").index(i);
            if (nn(ss.getAddresses()).isEmpty() && nn(ss.getNotReadyAddresses()).isEmpty()) {
                errs.required(idx, "must specify `addresses` or `notReadyAddresses`");
            }
            for (int a = 0; a < nn(ss.getAddresses()).size(); a++) {
                errs.addAll(address(ss.getAddresses().get(a), idx.child("addresses").index(a)));
            }
            for (int a = 0; a < nn(ss.getNotReadyAddresses()).size(); a++) {
                errs.addAll(address(ss.getNotReadyAddresses().get(a), idx.child("notReadyAddresses").index(a)));
            }
            List<EndpointPort> ports = nn(ss.getPorts());
            for (int p = 0; p < ports.size(); p++) {
                errs.addAll(port(ports.get(p), ports.size() > 1, idx.child("ports").index(p)));
            }
        }
        return errs;
    }

    @Override
    public FieldErrors validateUpdate(Endpoints ep, Endpoints old) {
        return validate(ep);
    }

    private static FieldErrors address(EndpointAddress a, FieldPath path) {
        FieldErrors errs = FieldValidators.ip(a.getIp(), path.child("ip"));
        if (a.getHostname() != null && !a.getHostname().isEmpty()) {
            errs.addAll(FieldValidators.dns1123Label(a.getHostname(), path.child("hostname")));
        }
        if (a.getNodeName() != null) {
            errs.addAll(FieldValidators.name(NameValidation::dns1123Subdomain, a.getNodeName(), path.child("nodeName")));
        }
        return errs.addAll(FieldValidators.nonSpecialIp(a.getIp(), path.child("ip")));
    }

    private static FieldErrors port(EndpointPort p, boolean requireName, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String name = p.getName() == null ? "" : p.getName();
        if (requireName && name.isEmpty()) {
            errs.required(path.child("name"), "");
        } else if (!name.isEmpty()) {
            errs.addAll(FieldValidators.dns1123Label(name, path.child("name")));
        }
        int port = p.getPort() == null ? 0 : p.getPort();
        errs.addAll(FieldValidators.invalidEach(Dns.isValidPortNum(port), path.child("port"), port));
        String protocol = p.getProtocol() == null ? "" : p.getProtocol();
        if (protocol.isEmpty()) {
            errs.required(path.child("protocol"), "");
        } else if (!PROTOCOLS.contains(protocol)) {
            errs.notSupported(path.child("protocol"), protocol, PROTOCOLS);
        }
        if (p.getAppProtocol() != null) {
            errs.addAll(FieldValidators.qualifiedName(p.getAppProtocol(), path.child("appProtocol")));
        }
        return errs;
    }

    private static <T> List<T> nn(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** PUT creates a missing object, as upstream allows for this type. */
    @Override
    public boolean allowCreateOnUpdate() {
        return true;
    }
}
