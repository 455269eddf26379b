package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.GoValue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Resource names and quantities as upstream's {@code validateResourceName},
 * {@code validateContainerResourceName}, {@code ValidateResourceQuantityValue} and
 * {@code ValidateContainerResourceRequirements} (requests &lt;= limits; requests == limits for
 * resources that cannot be overcommitted).
 */
public final class ResourceValidation {
    private ResourceValidation() {
    }

    private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final Set<String> STANDARD_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage",
            "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
            "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets",
            "persistentvolumeclaims", "configmaps", "storage", "requests.storage", "services.nodeports",
            "services.loadbalancers");
    private static final Set<String> INTEGER_RESOURCES = Set.of("pods", "services", "replicationcontrollers",
            "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports",
            "services.loadbalancers");

    /** Upstream {@code ValidateContainerResourceRequirements}. */
    public static FieldErrors validateContainerResources(ResourceRequirements r, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (r == null) {
            return errs;
        }
        FieldPath limPath = path.child("limits");
        FieldPath reqPath = path.child("requests");
        Map<String, Quantity> limits = r.getLimits() == null ? Map.of() : r.getLimits();
        Map<String, Quantity> requests = r.getRequests() == null ? Map.of() : r.getRequests();
        boolean cpuOrMemory = false;
        boolean hugePages = false;
        for (Map.Entry<String, Quantity> e : limits.entrySet()) {
            FieldPath p = limPath.key(e.getKey());
            errs.addAll(validateContainerResourceName(e.getKey(), p));
            errs.addAll(validateResourceQuantityValue(e.getKey(), e.getValue(), p));
            hugePages |= isHugePages(e.getKey());
            cpuOrMemory |= e.getKey().equals("cpu") || e.getKey().equals("memory");
        }
        for (Map.Entry<String, Quantity> e : requests.entrySet()) {
            String name = e.getKey();
            Quantity q = e.getValue();
            FieldPath p = reqPath.key(name);
            errs.addAll(validateContainerResourceName(name, p));
            errs.addAll(validateResourceQuantityValue(name, q, p));
            Quantity limit = limits.get(name);
            if (limit != null) {
                if (Quantities.isValid(q) && Quantities.isValid(limit)) {
                    int cmp = Quantities.compare(q, limit);
                    if (cmp != 0 && !isOvercommitAllowed(name)) {
                        errs.invalid(reqPath, Quantities.text(q),
                                "must be equal to " + name + " limit of " + Quantities.text(limit));
                    } else if (cmp > 0) {
                        errs.invalid(reqPath, Quantities.text(q),
                                "must be less than or equal to " + name + " limit of " + Quantities.text(limit));
                    }
                }
            } else if (!isOvercommitAllowed(name)) {
                errs.required(limPath, "Limit must be set for non overcommitable resources");
            }
            hugePages |= isHugePages(name);
            cpuOrMemory |= name.equals("cpu") || name.equals("memory");
        }
        if (!cpuOrMemory && hugePages) {
            errs.forbidden(path, "HugePages require cpu or memory");
        }
        return errs;
    }

    /** Upstream {@code ValidateResourceQuantityValue}: valid, non-negative, integral for integer resources. */
    public static FieldErrors validateResourceQuantityValue(String resource, Quantity q, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        BigDecimal v = Quantities.value(q);
        if (v == null) {
            return errs.invalid(path, Quantities.text(q), Quantities.FORMAT_MESSAGE);
        }
        if (v.signum() < 0) {
            errs.invalid(path, Quantities.text(q), "must be greater than or equal to 0");
        }
        if (isIntegerResource(resource) && v.multiply(BigDecimal.valueOf(1000)).remainder(BigDecimal.valueOf(1000))
                .compareTo(BigDecimal.ZERO) != 0) {
            errs.invalid(path, new GoValue(Quantities.text(q)), "must be an integer");
        }
        return errs;
    }

    /** Upstream {@code validateResourceName}: qualified; unprefixed names must be standard. */
    public static FieldErrors validateResourceName(String name, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        errs.addAll(FieldValidators.invalidEach(Dns.isQualifiedName(name), path, name));
        if (!errs.isEmpty()) {
            return errs;
        }
        if (!name.contains("/") && !STANDARD_RESOURCES.contains(name) && !isHugePages(name)) {
            errs.invalid(path, name, "must be a standard resource type or fully qualified");
        }
        return errs;
    }

    /** Upstream {@code validateContainerResourceName}. */
    public static FieldErrors validateContainerResourceName(String name, FieldPath path) {
        FieldErrors errs = validateResourceName(name, path);
        if (!name.contains("/")) {
            if (!STANDARD_CONTAINER_RESOURCES.contains(name) && !isHugePages(name)) {
                errs.invalid(path, name, "must be a standard resource for containers");
            }
        } else if (!isNative(name) && !isExtended(name)) {
            errs.invalid(path, name, "doesn't follow extended resource name standard");
        }
        return errs;
    }

    static boolean isHugePages(String name) {
        return name.startsWith("hugepages-");
    }

    /** Native: unprefixed or in the kubernetes.io domain. */
    static boolean isNative(String name) {
        return !name.contains("/") || name.contains("kubernetes.io/");
    }

    static boolean isExtended(String name) {
        if (isNative(name) || name.startsWith("requests.")) {
            return false;
        }
        return Dns.isQualifiedName("requests." + name).isEmpty();
    }

    /** Only native, non-hugepages resources (cpu, memory, ephemeral-storage) may be overcommitted. */
    static boolean isOvercommitAllowed(String name) {
        return isNative(name) && !isHugePages(name);
    }

    static boolean isIntegerResource(String name) {
        return isExtended(name) || INTEGER_RESOURCES.contains(name);
    }
}
