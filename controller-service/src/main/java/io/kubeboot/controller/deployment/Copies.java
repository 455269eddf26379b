package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;

/**
 * Deep copies of API objects (upstream DeepCopy), so cached objects are never mutated. fabric8's builders copy
 * every nested object, list and map; only leaf values (Quantity, the values of unknown fields) are shared, and no
 * controller changes those in place. A builder copy costs a fraction of a JSON round trip, which the Deployment
 * controller made for every sync.
 */
final class Copies {
    private Copies() {
    }

    static Deployment of(Deployment d) {
        return d == null ? null : new DeploymentBuilder(d).build();
    }

    static ReplicaSet of(ReplicaSet rs) {
        return rs == null ? null : new ReplicaSetBuilder(rs).build();
    }

    static PodTemplateSpec of(PodTemplateSpec t) {
        return t == null ? null : new PodTemplateSpecBuilder(t).build();
    }
}
