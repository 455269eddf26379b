package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.node.kubelet.KubeletException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Upstream kubelet_pods.go makeEnvironmentVariables.
 *
 * <p>Order of the result (upstream's is a Go map's, i.e. unspecified; this one is stable): the envFrom variables
 * (each source's keys sorted), then {@code env} in declaration order (a name already set keeps its place and takes
 * the new value), then the Service variables not already set, Services sorted by name.
 *
 * <p>envFrom keys that are not valid environment variable names (upstream IsEnvVarName) are skipped; upstream's
 * InvalidEnvironmentVariableNames event is not recorded.
 *
 * <p>Thread safety: safe for concurrent use; holds no mutable state (the lookup caches).
 */
public class KubeletEnvironmentResolver implements EnvironmentResolver {
    static final String CONFIG_ERROR = "CreateContainerConfigError";
    private static final String MASTER_SERVICE = "kubernetes";

    private final ObjectLookup lookup;
    private final String nodeName;
    private final String clusterDomain;
    private final String masterServiceNamespace;

    /**
     * @param lookup                 ConfigMaps, Secrets, Services and this Node
     * @param nodeName               this node (its allocatable is the default of unset limits in resourceFieldRef)
     * @param clusterDomain          the cluster domain (kept for parity with upstream's configuration)
     * @param masterServiceNamespace where the {@code kubernetes} Service lives, upstream "default"
     */
    public KubeletEnvironmentResolver(ObjectLookup lookup, String nodeName, String clusterDomain, String masterServiceNamespace) {
        this.lookup = lookup;
        this.nodeName = nodeName;
        this.clusterDomain = clusterDomain;
        this.masterServiceNamespace = masterServiceNamespace;
    }

    /** With the master service namespace "default". */
    public KubeletEnvironmentResolver(ObjectLookup lookup, String nodeName, String clusterDomain) {
        this(lookup, nodeName, clusterDomain, "default");
    }

    public String clusterDomain() {
        return clusterDomain;
    }

    @Override
    public List<String> resolve(Pod pod, Container container, String podIp, String hostIp) {
        String namespace = pod.getMetadata().getNamespace();
        boolean serviceLinks = pod.getSpec().getEnableServiceLinks() == null || pod.getSpec().getEnableServiceLinks();
        Map<String, String> serviceEnv = serviceEnv(namespace, serviceLinks);

        Map<String, Optional<ConfigMap>> configMaps = new HashMap<>();
        Map<String, Optional<Secret>> secrets = new HashMap<>();
        Map<String, String> env = new LinkedHashMap<>();

        // envFrom first; env may override what it sets
        for (EnvFromSource from : list(container.getEnvFrom())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                boolean optional = Boolean.TRUE.equals(from.getConfigMapRef().getOptional());
                Optional<ConfigMap> cm = configMap(configMaps, namespace, from.getConfigMapRef().getName(), optional);
                if (cm.isEmpty()) {
                    continue;
                }
                putValid(env, prefix, cm.get().getData() == null ? Map.of() : cm.get().getData());
            } else if (from.getSecretRef() != null) {
                boolean optional = Boolean.TRUE.equals(from.getSecretRef().getOptional());
                Optional<Secret> secret = secret(secrets, namespace, from.getSecretRef().getName(), optional);
                if (secret.isEmpty()) {
                    continue;
                }
                putValid(env, prefix, decoded(secret.get()));
            }
        }

        // the mapping reads env as it grows: a value sees envFrom, the variables declared before it and the services
        UnaryOperator<String> mapping = Expansion.mappingFor(env, serviceEnv);
        Map<String, Quantity> allocatable = null;
        for (EnvVar var : list(container.getEnv())) {
            String value = var.getValue() == null ? "" : var.getValue();
            EnvVarSource from = var.getValueFrom();
            if (!value.isEmpty()) {
                value = Expansion.expand(value, mapping);
            } else if (from != null) {
                try {
                    if (from.getFieldRef() != null) {
                        value = FieldRefs.envValue(from.getFieldRef(), pod, podIp, hostIp);
                    } else if (from.getResourceFieldRef() != null) {
                        if (allocatable == null) {
                            allocatable = allocatable();
                        }
                        value = ResourceFieldRefs.value(from.getResourceFieldRef(), pod, container, allocatable);
                    } else if (from.getConfigMapKeyRef() != null) {
                        Optional<String> v = configMapKey(configMaps, namespace, from.getConfigMapKeyRef());
                        if (v.isEmpty()) {
                            continue;
                        }
                        value = v.get();
                    } else if (from.getSecretKeyRef() != null) {
                        Optional<String> v = secretKey(secrets, namespace, from.getSecretKeyRef());
                        if (v.isEmpty()) {
                            continue;
                        }
                        value = v.get();
                    }
                } catch (IllegalArgumentException e) {
                    throw new KubeletException(CONFIG_ERROR, e.getMessage(), e);
                }
            }
            env.put(var.getName(), value);
        }

        List<String> result = new ArrayList<>(env.size() + serviceEnv.size());
        env.forEach((k, v) -> result.add(k + "=" + v));
        serviceEnv.forEach((k, v) -> {
            if (!env.containsKey(k)) {
                result.add(k + "=" + v);
            }
        });
        return result;
    }

    /** Upstream getServiceEnvVarMap: the master services always, the pod's namespace's when service links are on. */
    Map<String, String> serviceEnv(String namespace, boolean enableServiceLinks) {
        Map<String, Service> byName = new TreeMap<>();
        try {
            for (Service s : lookup.services(masterServiceNamespace)) {
                if (MASTER_SERVICE.equals(s.getMetadata().getName()) && ServiceEnv.isServiceIpSet(s)) {
                    byName.putIfAbsent(s.getMetadata().getName(), s);
                }
            }
            if (enableServiceLinks) {
                for (Service s : lookup.services(namespace)) {
                    if (!ServiceEnv.isServiceIpSet(s)) {
                        continue;
                    }
                    boolean master = masterServiceNamespace.equals(namespace) && MASTER_SERVICE.equals(s.getMetadata().getName());
                    if (!master) {
                        byName.put(s.getMetadata().getName(), s);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new KubeletException(CONFIG_ERROR, "failed to list services when setting up env vars", e);
        }
        return ServiceEnv.fromServices(new ArrayList<>(byName.values()));
    }

    private Optional<ConfigMap> configMap(Map<String, Optional<ConfigMap>> seen, String ns, String name, boolean optional) {
        Optional<ConfigMap> cm = seen.computeIfAbsent(name, n -> fetch(() -> lookup.configMap(ns, n)));
        if (cm.isEmpty() && !optional) {
            throw new KubeletException(CONFIG_ERROR, "configmap \"" + name + "\" not found");
        }
        return cm;
    }

    private Optional<Secret> secret(Map<String, Optional<Secret>> seen, String ns, String name, boolean optional) {
        Optional<Secret> s = seen.computeIfAbsent(name, n -> fetch(() -> lookup.secret(ns, n)));
        if (s.isEmpty() && !optional) {
            throw new KubeletException(CONFIG_ERROR, "secret \"" + name + "\" not found");
        }
        return s;
    }

    private Optional<String> configMapKey(Map<String, Optional<ConfigMap>> seen, String ns, ConfigMapKeySelector ref) {
        boolean optional = Boolean.TRUE.equals(ref.getOptional());
        Optional<ConfigMap> cm = configMap(seen, ns, ref.getName(), optional);
        if (cm.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> data = cm.get().getData() == null ? Map.of() : cm.get().getData();
        if (!data.containsKey(ref.getKey())) {
            if (optional) {
                return Optional.empty();
            }
            throw new KubeletException(CONFIG_ERROR,
                    "couldn't find key " + ref.getKey() + " in ConfigMap " + ns + "/" + ref.getName());
        }
        return Optional.of(data.get(ref.getKey()) == null ? "" : data.get(ref.getKey()));
    }

    private Optional<String> secretKey(Map<String, Optional<Secret>> seen, String ns, SecretKeySelector ref) {
        boolean optional = Boolean.TRUE.equals(ref.getOptional());
        Optional<Secret> s = secret(seen, ns, ref.getName(), optional);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> data = decoded(s.get());
        if (!data.containsKey(ref.getKey())) {
            if (optional) {
                return Optional.empty();
            }
            throw new KubeletException(CONFIG_ERROR,
                    "couldn't find key " + ref.getKey() + " in Secret " + ns + "/" + ref.getName());
        }
        return Optional.of(data.get(ref.getKey()));
    }

    private Map<String, Quantity> allocatable() {
        Optional<Node> node = fetch(() -> lookup.node(nodeName));
        if (node.isEmpty() || node.get().getStatus() == null || node.get().getStatus().getAllocatable() == null) {
            return Map.of();
        }
        return node.get().getStatus().getAllocatable();
    }

    private static void putValid(Map<String, String> env, String prefix, Map<String, String> data) {
        for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
            String name = prefix + e.getKey();
            if (Dns.isEnvVarName(name).isEmpty()) {
                env.put(name, e.getValue() == null ? "" : e.getValue());
            }
        }
    }

    /** A Secret's data, base64-decoded (the API carries it encoded). */
    public static Map<String, String> decoded(Secret secret) {
        Map<String, String> out = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> out.put(k, new String(decodeBytes(v), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Base64 as the API carries Secret data; text that is not base64 is taken as is. */
    public static byte[] decodeBytes(String base64) {
        if (base64 == null) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return base64.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static <T> T fetch(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (KubeletException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KubeletException(CONFIG_ERROR, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
