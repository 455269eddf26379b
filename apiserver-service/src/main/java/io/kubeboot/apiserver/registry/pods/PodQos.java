package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The QoS class of a pod as upstream's {@code qos.ComputePodQOS}: BestEffort without any cpu/memory
 * request or limit, Guaranteed when every container limits cpu and memory and requests equal limits,
 * Burstable otherwise.
 */
public final class PodQos {
    private PodQos() {
    }

    private static final Set<String> COMPUTE = Set.of("cpu", "memory");

    public static String compute(PodSpec spec) {
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean guaranteed = true;
        List<Container> all = new ArrayList<>(PodDefaults.nn(spec.getContainers()));
        all.addAll(PodDefaults.nn(spec.getInitContainers()));
        for (Container c : all) {
            ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
            for (Map.Entry<String, Quantity> e : nz(r.getRequests()).entrySet()) {
                BigDecimal v = Quantities.value(e.getValue());
                if (COMPUTE.contains(e.getKey()) && v != null && v.signum() > 0) {
                    requests.merge(e.getKey(), v, BigDecimal::add);
                }
            }
            int limitsFound = 0;
            for (Map.Entry<String, Quantity> e : nz(r.getLimits()).entrySet()) {
                BigDecimal v = Quantities.value(e.getValue());
                if (COMPUTE.contains(e.getKey()) && v != null && v.signum() > 0) {
                    limitsFound++;
                    limits.merge(e.getKey(), v, BigDecimal::add);
                }
            }
            if (limitsFound != COMPUTE.size()) {
                guaranteed = false;
            }
        }
        if (requests.isEmpty() && limits.isEmpty()) {
            return "BestEffort";
        }
        if (guaranteed) {
            for (Map.Entry<String, BigDecimal> e : requests.entrySet()) {
                BigDecimal lim = limits.get(e.getKey());
                if (lim == null || lim.compareTo(e.getValue()) != 0) {
                    guaranteed = false;
                    break;
                }
            }
        }
        if (guaranteed && requests.size() == limits.size()) {
            return "Guaranteed";
        }
        return "Burstable";
    }

    private static Map<String, Quantity> nz(Map<String, Quantity> m) {
        return m == null ? Map.of() : m;
    }
}
