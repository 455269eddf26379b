package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.NameValidation;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static io.kubeboot.apiserver.registry.pods.PodDefaults.isEmpty;
import static io.kubeboot.apiserver.registry.pods.PodDefaults.nn;

/**
 * Container environment as upstream's {@code ValidateEnv}, {@code ValidateEnvFrom} and the downward
 * API selectors. Names use the relaxed rule (printable ASCII except '='), as
 * RelaxedEnvironmentVariableValidation is on by default in 1.32.
 */
public final class EnvValidation {
    private EnvValidation() {
    }

    static final Set<String> ENV_DOWNWARD_API_FIELDS = Set.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
            "status.podIPs");
    private static final Set<String> CONTAINER_RESOURCE_FIELDS = Set.of("limits.cpu", "limits.memory",
            "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage");
    private static final Set<String> MEMORY_DIVISORS = Set.of("1", "1k", "1M", "1G", "1T", "1P", "1E",
            "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei");

    public static FieldErrors validateEnv(List<EnvVar> vars, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        List<EnvVar> list = nn(vars);
        for (int i = 0; i < list.size(); i++) {
            EnvVar ev = list.get(i);
            FieldPath idx = path.index(i);
            if (isEmpty(ev.getName())) {
                errs.required(idx.child("name"), "");
            } else {
                errs.addAll(FieldValidators.invalidEach(Dns.isRelaxedEnvVarName(ev.getName()),
                        idx.child("name"), ev.getName()));
            }
            errs.addAll(valueFrom(ev, idx.child("valueFrom")));
        }
        return errs;
    }

    private static FieldErrors valueFrom(EnvVar ev, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        EnvVarSource src = ev.getValueFrom();
        if (src == null) {
            return errs;
        }
        int n = 0;
        if (src.getFieldRef() != null) {
            n++;
            errs.addAll(objectFieldSelector(src.getFieldRef(), ENV_DOWNWARD_API_FIELDS, path.child("fieldRef")));
        }
        if (src.getResourceFieldRef() != null) {
            n++;
            errs.addAll(resourceFieldSelector(src.getResourceFieldRef(), path.child("resourceFieldRef"), false));
        }
        if (src.getConfigMapKeyRef() != null) {
            n++;
            ConfigMapKeySelector s = src.getConfigMapKeyRef();
            errs.addAll(keySelector(s.getName(), s.getKey(), path.child("configMapKeyRef")));
        }
        if (src.getSecretKeyRef() != null) {
            n++;
            SecretKeySelector s = src.getSecretKeyRef();
            errs.addAll(keySelector(s.getName(), s.getKey(), path.child("secretKeyRef")));
        }
        if (n == 0) {
            errs.invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
        } else if (!isEmpty(ev.getValue())) {
            errs.invalid(path, "", "may not be specified when `value` is not empty");
        } else if (n > 1) {
            errs.invalid(path, "", "may not have more than one field specified at a time");
        }
        return errs;
    }

    private static FieldErrors keySelector(String name, String key, FieldPath path) {
        FieldErrors errs = FieldValidators.name(NameValidation::dns1123Subdomain, name, path.child("name"));
        if (isEmpty(key)) {
            errs.required(path.child("key"), "");
        } else {
            errs.addAll(FieldValidators.invalidEach(Dns.isConfigMapKey(key), path.child("key"), key));
        }
        return errs;
    }

    /** Upstream {@code validateObjectFieldSelector} (downward API field paths). */
    static FieldErrors objectFieldSelector(ObjectFieldSelector fs, Set<String> expressions, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (isEmpty(fs.getApiVersion())) {
            return errs.required(path.child("apiVersion"), "");
        }
        if (isEmpty(fs.getFieldPath())) {
            return errs.required(path.child("fieldPath"), "");
        }
        String fieldPath = fs.getFieldPath();
        if (!fs.getApiVersion().equals("v1")) {
            return errs.invalid(path.child("fieldPath"), fieldPath, "error converting fieldPath: field label not supported: " + fieldPath);
        }
        int open = fieldPath.indexOf('[');
        if (open > 0 && fieldPath.endsWith("]")) {
            String base = fieldPath.substring(0, open);
            String subscript = fieldPath.substring(open + 1, fieldPath.length() - 1);
            if (subscript.length() >= 2 && (subscript.startsWith("'") && subscript.endsWith("'"))) {
                subscript = subscript.substring(1, subscript.length() - 1);
            }
            switch (base) {
                case "metadata.annotations" -> errs.addAll(FieldValidators.qualifiedName(subscript.toLowerCase(Locale.ROOT), path));
                case "metadata.labels" -> errs.addAll(FieldValidators.qualifiedName(subscript, path));
                default -> errs.invalid(path, base, "does not support subscript");
            }
            return errs;
        }
        if (!expressions.contains(fieldPath)) {
            errs.notSupported(path.child("fieldPath"), fieldPath, new TreeSet<>(expressions));
        }
        return errs;
    }

    /** Upstream {@code validateContainerResourceFieldSelector}. */
    static FieldErrors resourceFieldSelector(ResourceFieldSelector fs, FieldPath path, boolean volume) {
        FieldErrors errs = new FieldErrors();
        String resource = fs.getResource() == null ? "" : fs.getResource();
        if (volume && isEmpty(fs.getContainerName())) {
            errs.required(path.child("containerName"), "");
        } else if (resource.isEmpty()) {
            errs.required(path.child("resource"), "");
        } else if (!CONTAINER_RESOURCE_FIELDS.contains(resource)
                && !resource.startsWith("requests.hugepages-") && !resource.startsWith("limits.hugepages-")) {
            errs.notSupported(path.child("resource"), resource, new TreeSet<>(CONTAINER_RESOURCE_FIELDS));
        }
        Quantity divisor = fs.getDivisor();
        if (divisor != null && Quantities.value(divisor) != null && Quantities.value(divisor).signum() != 0) {
            String d = Quantities.text(divisor);
            switch (resource) {
                case "limits.cpu", "requests.cpu" -> {
                    if (!d.equals("1m") && !d.equals("1")) {
                        errs.invalid(path.child("divisor"), resource,
                                "only divisor's values 1m and 1 are supported with the cpu resource");
                    }
                }
                case "limits.memory", "requests.memory" -> {
                    if (!MEMORY_DIVISORS.contains(d)) {
                        errs.invalid(path.child("divisor"), resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, "
                                + "1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource");
                    }
                }
                case "limits.ephemeral-storage", "requests.ephemeral-storage" -> {
                    if (!MEMORY_DIVISORS.contains(d)) {
                        errs.invalid(path.child("divisor"), resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, "
                                + "1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource");
                    }
                }
                default -> {
                }
            }
        }
        return errs;
    }

    public static FieldErrors validateEnvFrom(List<EnvFromSource> sources, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        List<EnvFromSource> list = nn(sources);
        for (int i = 0; i < list.size(); i++) {
            EnvFromSource ev = list.get(i);
            FieldPath idx = path.index(i);
            if (!isEmpty(ev.getPrefix())) {
                errs.addAll(FieldValidators.invalidEach(Dns.isRelaxedEnvVarName(ev.getPrefix()),
                        idx.child("prefix"), ev.getPrefix()));
            }
            int n = 0;
            if (ev.getConfigMapRef() != null) {
                n++;
                errs.addAll(envSourceName(ev.getConfigMapRef().getName(), idx.child("configMapRef")));
            }
            if (ev.getSecretRef() != null) {
                n++;
                errs.addAll(envSourceName(ev.getSecretRef().getName(), idx.child("secretRef")));
            }
            if (n == 0) {
                errs.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`");
            } else if (n > 1) {
                errs.invalid(path, "", "may not have more than one field specified at a time");
            }
        }
        return errs;
    }

    private static FieldErrors envSourceName(String name, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (isEmpty(name)) {
            return errs.required(path.child("name"), "");
        }
        // upstream validates these names as generateName prefixes
        errs.addAll(FieldValidators.invalidEach(NameValidation.dns1123Subdomain(name, true), path.child("name"), name));
        return errs;
    }
}
