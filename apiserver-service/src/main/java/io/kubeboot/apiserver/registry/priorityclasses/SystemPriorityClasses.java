package io.kubeboot.apiserver.registry.priorityclasses;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;

import java.util.List;

/**
 * The built-in PriorityClasses and the value limits around them, as upstream
 * {@code pkg/apis/scheduling} ({@code types.go}, {@code helpers.go}): kube-apiserver creates the two
 * classes at start, and validation keeps the {@code system-} prefix and values above one billion for
 * them alone.
 */
public final class SystemPriorityClasses {
    public static final int HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
    public static final int SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
    public static final String PREFIX = "system-";
    public static final String NODE_CRITICAL = "system-node-critical";
    public static final String CLUSTER_CRITICAL = "system-cluster-critical";
    /** Upstream {@code DefaultPriorityWhenNoDefaultClassExists}. */
    public static final int DEFAULT_PRIORITY = 0;

    private record Definition(String name, int value, String description) {
    }

    private static final List<Definition> DEFINITIONS = List.of(
            new Definition(NODE_CRITICAL, SYSTEM_CRITICAL_PRIORITY + 1000,
                    "Used for system critical pods that must not be moved from their current node."),
            new Definition(CLUSTER_CRITICAL, SYSTEM_CRITICAL_PRIORITY,
                    "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."));

    private SystemPriorityClasses() {
    }

    /**
     * Fresh copies of the built-in classes as a client would send them: name, value and description;
     * neither is a global default, and preemptionPolicy is left to defaulting.
     */
    public static List<PriorityClass> all() {
        return DEFINITIONS.stream().map(d -> {
            PriorityClass pc = new PriorityClass();
            pc.setApiVersion("scheduling.k8s.io/v1");
            pc.setKind("PriorityClass");
            pc.setMetadata(new ObjectMetaBuilder().withName(d.name()).build());
            pc.setValue(d.value());
            pc.setDescription(d.description());
            return pc;
        }).toList();
    }

    public static boolean isSystemClass(String name) {
        return DEFINITIONS.stream().anyMatch(d -> d.name().equals(name));
    }

    /**
     * Upstream {@code IsKnownSystemPriorityClass}: null when {@code name} is a built-in class with
     * exactly its value and globalDefault, else the reason it is not.
     */
    public static String knownClassProblem(String name, int value, boolean globalDefault) {
        for (Definition d : DEFINITIONS) {
            if (!d.name().equals(name)) {
                continue;
            }
            if (d.value() != value) {
                return "value of " + name + " PriorityClass must be " + d.value();
            }
            if (globalDefault) {
                return "globalDefault of " + name + " PriorityClass must be false";
            }
            return null;
        }
        return name + " is not a known system priority class";
    }
}
