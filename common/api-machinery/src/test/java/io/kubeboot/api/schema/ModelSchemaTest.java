package io.kubeboot.api.schema;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static io.kubeboot.api.schema.FieldType.Kind.ANY;
import static io.kubeboot.api.schema.FieldType.Kind.BOOLEAN;
import static io.kubeboot.api.schema.FieldType.Kind.INTEGER;
import static io.kubeboot.api.schema.FieldType.Kind.INT_OR_STRING;
import static io.kubeboot.api.schema.FieldType.Kind.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelSchemaTest {
    private final ModelSchema schema = ModelSchema.get();

    @Test
    void topLevelPropertiesComeInTheMappersOrderWithoutTheAnyGetter() {
        assertThat(schema.properties(Pod.class).keySet())
                .containsExactly("apiVersion", "kind", "metadata", "spec", "status");
        assertThat(schema.properties(ObjectMeta.class)).doesNotContainKey("additionalProperties")
                .containsKeys("name", "namespace", "labels", "annotations", "ownerReferences", "finalizers",
                        "managedFields", "resourceVersion", "uid", "generateName", "creationTimestamp");
    }

    static Stream<Arguments> propertyTypes() {
        return Stream.of(
                Arguments.of(Pod.class, "spec", "OBJECT(PodSpec)"),
                Arguments.of(PodSpec.class, "containers", "LIST<OBJECT(Container)>"),
                Arguments.of(PodSpec.class, "hostNetwork", "BOOLEAN"),
                Arguments.of(PodSpec.class, "nodeSelector", "MAP<STRING>"),
                Arguments.of(PodSpec.class, "terminationGracePeriodSeconds", "INTEGER"),
                Arguments.of(Container.class, "args", "LIST<STRING>"),
                Arguments.of(Container.class, "ports", "LIST<OBJECT(ContainerPort)>"),
                Arguments.of(ContainerPort.class, "containerPort", "INTEGER"),
                Arguments.of(ResourceRequirements.class, "limits", "MAP<QUANTITY>"),
                Arguments.of(ServicePort.class, "targetPort", "INT_OR_STRING"),
                Arguments.of(ObjectMeta.class, "labels", "MAP<STRING>"),
                Arguments.of(ObjectMeta.class, "creationTimestamp", "STRING"),
                Arguments.of(ManagedFieldsEntry.class, "fieldsV1", "ANY"),
                Arguments.of(Event.class, "eventTime", "STRING"),
                Arguments.of(Secret.class, "data", "MAP<STRING>"),
                Arguments.of(ConfigMap.class, "binaryData", "MAP<STRING>"),
                Arguments.of(DeploymentSpec.class, "template", "OBJECT(PodTemplateSpec)"));
    }

    @ParameterizedTest(name = "{0}.{1} is {2}")
    @MethodSource("propertyTypes")
    void classifiesPropertyTypes(Class<?> owner, String field, String expected) {
        assertThat(schema.property(owner, field)).hasValueSatisfying(t -> assertThat(t).hasToString(expected));
    }

    @Test
    void elementTypesAndRawClassesAreExposed() {
        FieldType containers = schema.property(PodSpec.class, "containers").orElseThrow();
        assertThat(containers.element().rawClass()).isEqualTo(Container.class);
        assertThat(containers.element().isObject()).isTrue();
        assertThat(schema.property(ResourceRequirements.class, "limits").orElseThrow().element().rawClass())
                .isEqualTo(Quantity.class);
        assertThat(schema.property(ServicePort.class, "targetPort").orElseThrow().rawClass())
                .isEqualTo(IntOrString.class);
    }

    @Test
    void unknownPropertiesAndNonObjectsHaveNoProperties() {
        assertThat(schema.property(Pod.class, "additionalProperties")).isEmpty();
        assertThat(schema.property(Container.class, "Image")).as("JSON names are case sensitive").isEmpty();
        assertThat(schema.properties(Quantity.class)).isEmpty();
        assertThat(schema.properties(String.class)).isEmpty();
    }

    @Test
    void rootTypes() {
        assertThat(schema.typeOf(Deployment.class).kind()).isEqualTo(FieldType.Kind.OBJECT);
        assertThat(schema.typeOf(RawExtension.class).kind()).isEqualTo(ANY);
        assertThat(schema.typeOf(Object.class).kind()).isEqualTo(ANY);
        assertThat(schema.typeOf(byte[].class).kind()).isEqualTo(STRING);
        assertThat(schema.typeOf(int.class)).isEqualTo(FieldType.scalar(INTEGER, Integer.class));
        assertThat(schema.typeOf(Boolean.class).kind()).isEqualTo(BOOLEAN);
        assertThat(schema.typeOf(IntOrString.class).kind()).isEqualTo(INT_OR_STRING);
    }

    @Test
    void answersAreCachedAndShared() {
        assertThat(ModelSchema.get()).isSameAs(schema);
        assertThat(schema.properties(PodSpec.class)).isSameAs(schema.properties(PodSpec.class));
        assertThatThrownBy(() -> schema.properties(PodSpec.class).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fieldTypeRejectsInconsistentShapes() {
        assertThatThrownBy(() -> new FieldType(FieldType.Kind.LIST, java.util.List.class, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldType(STRING, String.class, FieldType.scalar(STRING, String.class)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
