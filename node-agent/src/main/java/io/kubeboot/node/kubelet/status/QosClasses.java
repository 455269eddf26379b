package io.kubeboot.node.kubelet.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Upstream's {@code GetPodQOS} (cpu and memory only), for pods whose status carries no qosClass yet. */
public final class QosClasses {
    private QosClasses() {
    }

    public static String of(Pod pod) {
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean guaranteed = true;
        List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        for (Container c : all) {
            Map<String, Quantity> req = c.getResources() == null || c.getResources().getRequests() == null ? Map.of() : c.getResources().getRequests();
            Map<String, Quantity> lim = c.getResources() == null || c.getResources().getLimits() == null ? Map.of() : c.getResources().getLimits();
            for (String r : List.of("cpu", "memory")) {
                if (req.containsKey(r) && Quantity.getAmountInBytes(req.get(r)).signum() != 0) {
                    requests.merge(r, Quantity.getAmountInBytes(req.get(r)), BigDecimal::add);
                }
                if (lim.containsKey(r) && Quantity.getAmountInBytes(lim.get(r)).signum() != 0) {
                    limits.merge(r, Quantity.getAmountInBytes(lim.get(r)), BigDecimal::add);
                }
            }
            if (!(lim.containsKey("cpu") && lim.containsKey("memory"))) {
                guaranteed = false;
            }
        }
        if (requests.isEmpty() && limits.isEmpty()) {
            return "BestEffort";
        }
        if (guaranteed) {
            for (Map.Entry<String, BigDecimal> e : requests.entrySet()) {
                BigDecimal l = limits.get(e.getKey());
                if (l == null || l.compareTo(e.getValue()) != 0) {
                    guaranteed = false;
                    break;
                }
            }
        }
        return guaranteed && limits.size() == 2 ? "Guaranteed" : "Burstable";
    }
}
