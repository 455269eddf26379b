package io.kubeboot.apiserver.registry.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.api.validation.IpAddress;
import io.kubeboot.api.validation.LabelValidation;
import io.kubeboot.apiserver.registry.Strategy;
import io.kubeboot.apiserver.registry.pods.ResourceValidation;
import io.kubeboot.apiserver.registry.pods.SchedulingValidation;
import io.kubeboot.api.validation.Dns;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Nodes, as upstream's {@code pkg/registry/core/node/strategy.go}: cluster scoped, the status sent
 * on create is kept (kubelets register with it), taints and pod CIDRs validated, podCIDRs and
 * providerID fixed once set.
 */
@Component
public class NodeStrategy implements Strategy<Node> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("", "v1", "nodes").orElseThrow();

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<Node> type() {
        return Node.class;
    }

    @Override
    public boolean keepsStatusOnCreate() {
        return true;
    }

    /** The deprecated configSource is dropped unless already in use. */
    @Override
    public void prepareForCreate(Node node) {
        spec(node).setConfigSource(null);
        if (node.getStatus() != null) {
            node.getStatus().setConfig(null);
        }
    }

    @Override
    public void prepareForUpdate(Node node, Node old) {
        if (old.getSpec() == null || old.getSpec().getConfigSource() == null) {
            spec(node).setConfigSource(null);
        }
    }

    /** v1 conversion of podCIDR/podCIDRs and {@code SetDefaults_NodeStatus} (allocatable = capacity). */
    @Override
    public void applyDefaults(Node node) {
        NodeSpec spec = spec(node);
        if (spec.getPodCIDR() != null && !spec.getPodCIDR().isEmpty() && nn(spec.getPodCIDRs()).isEmpty()) {
            spec.setPodCIDRs(new ArrayList<>(List.of(spec.getPodCIDR())));
        }
        if (!nn(spec.getPodCIDRs()).isEmpty()) {
            spec.setPodCIDR(spec.getPodCIDRs().get(0));
        }
        NodeStatus status = node.getStatus();
        if (status != null && status.getCapacity() != null && !status.getCapacity().isEmpty()
                && (status.getAllocatable() == null || status.getAllocatable().isEmpty())) {
            status.setAllocatable(new LinkedHashMap<>(status.getCapacity()));
        }
    }

    /** Upstream {@code ValidateNode} minus ObjectMeta. */
    @Override
    public FieldErrors validate(Node node) {
        FieldErrors errs = new FieldErrors();
        NodeSpec spec = spec(node);
        errs.addAll(validateTaints(spec.getTaints(), FieldPath.of("metadata", "taints")));
        errs.addAll(validateResources(node));
        List<String> cidrs = nn(spec.getPodCIDRs());
        FieldPath cidrPath = FieldPath.of("spec", "podCIDRs");
        for (int i = 0; i < cidrs.size(); i++) {
            errs.addAll(FieldValidators.cidr(cidrs.get(i), cidrPath.index(i)));
        }
        if (cidrs.size() > 1) {
            IpAddress a = IpAddress.parseCidr(cidrs.get(0));
            IpAddress b = IpAddress.parseCidr(cidrs.get(1));
            if (cidrs.size() > 2 || a == null || b == null || a.isIpv4() == b.isIpv4()) {
                errs.invalid(cidrPath, GoValue.stringSlice(cidrs), "may specify no more than one CIDR for each IP family");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < cidrs.size(); i++) {
                if (!seen.add(cidrs.get(i))) {
                    errs.duplicate(cidrPath.index(i), cidrs.get(i));
                }
            }
        }
        return errs;
    }

    @Override
    public FieldErrors validateUpdate(Node node, Node old) {
        FieldErrors errs = validateUpdateRules(node, old);
        List<String> cidrs = nn(spec(node).getPodCIDRs());
        FieldPath cidrPath = FieldPath.of("spec", "podCIDRs");
        for (int i = 0; i < cidrs.size(); i++) {
            errs.addAll(FieldValidators.cidr(cidrs.get(i), cidrPath.index(i)));
        }
        return errs;
    }

    /** Status writes are validated as updates (upstream's node status strategy does the same). */
    @Override
    public FieldErrors validateStatusUpdate(Node node, Node old) {
        return validateUpdateRules(node, old);
    }

    /** Upstream {@code ValidateNodeUpdate} minus ObjectMeta. */
    private static FieldErrors validateUpdateRules(Node node, Node old) {
        FieldErrors errs = validateResources(node);
        NodeSpec spec = spec(node);
        NodeSpec oldSpec = old.getSpec() == null ? new NodeSpec() : old.getSpec();
        Set<String> addresses = new HashSet<>();
        List<NodeAddress> list = node.getStatus() == null ? List.of() : nn(node.getStatus().getAddresses());
        for (int i = 0; i < list.size(); i++) {
            NodeAddress a = list.get(i);
            if (!addresses.add(a.getType() + "/" + a.getAddress())) {
                errs.duplicate(FieldPath.of("status", "addresses").index(i),
                        new GoValue("core.NodeAddress{Type:\"" + a.getType() + "\", Address:\"" + a.getAddress() + "\"}"));
            }
        }
        List<String> oldCidrs = nn(oldSpec.getPodCIDRs());
        if (!oldCidrs.isEmpty() && !oldCidrs.equals(nn(spec.getPodCIDRs()))) {
            errs.forbidden(FieldPath.of("spec", "podCIDRs"), "node updates may not change podCIDR except from \"\" to valid");
        }
        String oldProvider = oldSpec.getProviderID() == null ? "" : oldSpec.getProviderID();
        if (!oldProvider.isEmpty() && !oldProvider.equals(spec.getProviderID())) {
            errs.forbidden(FieldPath.of("spec", "providerID"), "node updates may not change providerID except from \"\" to valid");
        }
        errs.addAll(validateTaints(spec.getTaints(), FieldPath.of("metadata", "taints")));
        if (!Objects.equals(nz(spec.getExternalID()), nz(oldSpec.getExternalID()))) {
            errs.forbidden(FieldPath.of("spec", "externalID"), "may not be updated");
        }
        return errs;
    }

    /** Upstream {@code validateNodeTaints}: label-like key and value, known effect, unique (key, effect). */
    public static FieldErrors validateTaints(List<Taint> taints, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        Set<String> unique = new HashSet<>();
        List<Taint> list = nn(taints);
        for (int i = 0; i < list.size(); i++) {
            Taint t = list.get(i);
            FieldPath idx = path.index(i);
            errs.addAll(LabelValidation.validateLabelName(t.getKey(), idx.child("key")));
            List<String> msgs = Dns.isValidLabelValue(nz(t.getValue()));
            if (!msgs.isEmpty()) {
                errs.invalid(idx.child("value"), nz(t.getValue()), String.join(";", msgs));
            }
            errs.addAll(SchedulingValidation.validateTaintEffect(t.getEffect(), false, idx.child("effect")));
            if (!unique.add(nz(t.getEffect()) + "\u0000" + nz(t.getKey()))) {
                errs.add(new FieldError(FieldError.Type.DUPLICATE, idx.toString(),
                        new GoValue("core.Taint{Key:\"" + nz(t.getKey()) + "\", Value:\"" + nz(t.getValue())
                                + "\", Effect:\"" + nz(t.getEffect()) + "\", TimeAdded:<nil>}"),
                        "taints must be unique by key and effect pair"));
            }
        }
        return errs;
    }

    private static FieldErrors validateResources(Node node) {
        FieldErrors errs = new FieldErrors();
        if (node.getStatus() == null) {
            return errs;
        }
        for (Map.Entry<String, Quantity> e : nm(node.getStatus().getCapacity()).entrySet()) {
            errs.addAll(ResourceValidation.validateResourceQuantityValue(e.getKey(), e.getValue(),
                    FieldPath.of("status", "capacity", e.getKey())));
        }
        for (Map.Entry<String, Quantity> e : nm(node.getStatus().getAllocatable()).entrySet()) {
            errs.addAll(ResourceValidation.validateResourceQuantityValue(e.getKey(), e.getValue(),
                    FieldPath.of("status", "allocatable", e.getKey())));
        }
        return errs;
    }

    private static NodeSpec spec(Node node) {
        if (node.getSpec() == null) {
            node.setSpec(new NodeSpec());
        }
        return node.getSpec();
    }

    private static Map<String, Quantity> nm(Map<String, Quantity> m) {
        return m == null ? Map.of() : m;
    }

    private static <T> List<T> nn(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
