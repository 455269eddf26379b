package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubeboot.api.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CopiesTest {

    private static Deployment deployment() {
        return new DeploymentBuilder(Fixtures.deployment(3, 1, 0)).editMetadata().addToAnnotations("deployment.kubernetes.io/revision", "2")
                .addToLabels("tier", "web").endMetadata()
                .editSpec().editTemplate().editSpec().editFirstContainer().addNewPort().withContainerPort(80).endPort()
                .withNewResources().addToRequests("cpu", new Quantity("10m")).endResources().endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(3).addToConditions(new DeploymentConditionBuilder().withType("Available")
                        .withStatus("True").build()).endStatus()
                .build();
    }

    @Test
    void aDeploymentCopyIsEqualAndSharesNoMutableState() throws Exception {
        Deployment original = deployment();
        String before = Json.MAPPER.writeValueAsString(original);
        Deployment copy = Copies.of(original);
        assertThat(Json.MAPPER.writeValueAsString(copy)).isEqualTo(before);

        copy.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "3");
        copy.getMetadata().getLabels().clear();
        copy.getSpec().setReplicas(7);
        copy.getSpec().getStrategy().getRollingUpdate().setMaxSurge(new io.fabric8.kubernetes.api.model.IntOrString(5));
        copy.getSpec().getTemplate().getMetadata().getLabels().put("pod-template-hash", "abc");
        copy.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:2");
        copy.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).setContainerPort(8080);
        copy.getSpec().getTemplate().getSpec().getContainers().add(copy.getSpec().getTemplate().getSpec().getContainers().get(0));
        copy.getStatus().getConditions().get(0).setStatus("False");
        copy.getSpec().getSelector().getMatchLabels().put("x", "y");
        assertThat(Json.MAPPER.writeValueAsString(original)).isEqualTo(before);
    }

    @Test
    void aReplicaSetCopyIsEqualAndSharesNoMutableState() throws Exception {
        ReplicaSet original = new ReplicaSetBuilder(Fixtures.rs("nginx-1", 3, 2, 5, "deployment.kubernetes.io/revision", "1"))
                .editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withKind("Deployment").withName("nginx")
                        .withUid("d-uid").withController(true).build()).endMetadata()
                .build();
        String before = Json.MAPPER.writeValueAsString(original);
        ReplicaSet copy = Copies.of(original);
        assertThat(Json.MAPPER.writeValueAsString(copy)).isEqualTo(before);

        copy.getSpec().setReplicas(0);
        copy.getMetadata().getAnnotations().put("deployment.kubernetes.io/desired-replicas", "9");
        copy.getMetadata().getOwnerReferences().get(0).setController(false);
        copy.getStatus().setReplicas(0);
        assertThat(Json.MAPPER.writeValueAsString(original)).isEqualTo(before);
    }

    @Test
    void aTemplateCopyIsEqualAndSharesNoMutableState() throws Exception {
        PodTemplateSpec original = deployment().getSpec().getTemplate();
        String before = Json.MAPPER.writeValueAsString(original);
        PodTemplateSpec copy = Copies.of(original);
        assertThat(Json.MAPPER.writeValueAsString(copy)).isEqualTo(before);

        copy.getMetadata().getLabels().put("pod-template-hash", "abc");
        copy.getSpec().getContainers().get(0).getResources().getRequests().put("memory", new Quantity("16Mi"));
        copy.getSpec().setNodeName("n1");
        assertThat(Json.MAPPER.writeValueAsString(original)).isEqualTo(before);
    }

    @Test
    void nullCopiesToNull() {
        assertThat(Copies.of((Deployment) null)).isNull();
        assertThat(Copies.of((ReplicaSet) null)).isNull();
        assertThat(Copies.of((PodTemplateSpec) null)).isNull();
    }
}
