package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.ArrayList;
import java.util.List;

/**
 * What kube-apiserver's default mutating admission plugins add to a new Pod, apart from Priority
 * ({@link PriorityAdmission}), which needs to read PriorityClasses:
 * <ul>
 *   <li>ServiceAccount: {@code serviceAccountName: default} when none is given (the token volume is
 *       deliberately not injected);</li>
 *   <li>DefaultTolerationSeconds: NoExecute tolerations of {@code node.kubernetes.io/not-ready} and
 *       {@code node.kubernetes.io/unreachable} for 300 s, unless already tolerated.</li>
 * </ul>
 */
public final class PodAdmissionDefaults {
    private PodAdmissionDefaults() {
    }

    public static final String TAINT_NOT_READY = "node.kubernetes.io/not-ready";
    public static final String TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final long DEFAULT_TOLERATION_SECONDS = 300;

    public static void apply(PodSpec spec) {
        if (PodDefaults.isEmpty(spec.getServiceAccountName())) {
            spec.setServiceAccountName("default");
            spec.setServiceAccount("default");
        }
        addDefaultTolerations(spec);
    }

    static void addDefaultTolerations(PodSpec spec) {
        boolean notReady = false;
        boolean unreachable = false;
        for (Toleration t : PodDefaults.nn(spec.getTolerations())) {
            String key = t.getKey() == null ? "" : t.getKey();
            String effect = t.getEffect() == null ? "" : t.getEffect();
            boolean noExecute = effect.isEmpty() || effect.equals("NoExecute");
            if ((key.isEmpty() || key.equals(TAINT_NOT_READY)) && noExecute) {
                notReady = true;
            }
            if ((key.isEmpty() || key.equals(TAINT_UNREACHABLE)) && noExecute) {
                unreachable = true;
            }
        }
        if (notReady && unreachable) {
            return;
        }
        List<Toleration> list = new ArrayList<>(PodDefaults.nn(spec.getTolerations()));
        if (!notReady) {
            list.add(new Toleration("NoExecute", TAINT_NOT_READY, "Exists", DEFAULT_TOLERATION_SECONDS, null));
        }
        if (!unreachable) {
            list.add(new Toleration("NoExecute", TAINT_UNREACHABLE, "Exists", DEFAULT_TOLERATION_SECONDS, null));
        }
        spec.setTolerations(list);
    }
}
