package io.kubeboot.apiserver.openapi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** fabric8 model classes get the schema names kube-openapi gives their Go types. */
class SchemaNamesTest {
    private static final SchemaNames NAMES = new SchemaNames(new UpstreamTypes());

    @ParameterizedTest
    @CsvSource({
            "io.fabric8.kubernetes.api.model.Pod, io.k8s.api.core.v1.Pod",
            "io.fabric8.kubernetes.api.model.Container, io.k8s.api.core.v1.Container",
            "io.fabric8.kubernetes.api.model.ObjectMeta, io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            "io.fabric8.kubernetes.api.model.LabelSelector, io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
            "io.fabric8.kubernetes.api.model.Preconditions, io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions",
            "io.fabric8.kubernetes.api.model.Status, io.k8s.apimachinery.pkg.apis.meta.v1.Status",
            "io.fabric8.kubernetes.api.model.Quantity, io.k8s.apimachinery.pkg.api.resource.Quantity",
            "io.fabric8.kubernetes.api.model.IntOrString, io.k8s.apimachinery.pkg.util.intstr.IntOrString",
            "io.fabric8.kubernetes.api.model.apps.Deployment, io.k8s.api.apps.v1.Deployment",
            "io.fabric8.kubernetes.api.model.batch.v1.CronJob, io.k8s.api.batch.v1.CronJob",
            "io.fabric8.kubernetes.api.model.coordination.v1.Lease, io.k8s.api.coordination.v1.Lease",
            "io.fabric8.kubernetes.api.model.autoscaling.v1.Scale, io.k8s.api.autoscaling.v1.Scale",
            "io.fabric8.kubernetes.api.model.runtime.RawExtension, io.k8s.apimachinery.pkg.runtime.RawExtension"})
    void namesAsUpstream(String modelClass, String schemaName) throws ClassNotFoundException {
        assertThat(NAMES.of(Class.forName(modelClass))).isEqualTo(schemaName);
    }
}
