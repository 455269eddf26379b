package io.kubeboot.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.kubeboot.api.json.Json;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Scheduling;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static io.kubeboot.api.protobuf.Envelopes.wrap;
import static org.assertj.core.api.Assertions.assertThat;

/** Objects built with the generated builders, the way Java protobuf clients send them. */
class ProtobufDecoderTest {

    private static JsonNode json(String text) throws IOException {
        return Json.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static Meta.ObjectMeta meta(String name) {
        return Meta.ObjectMeta.newBuilder().setName(name).build();
    }

    @Test
    void deploymentAsKubectlCreateDeploymentBuildsIt() throws IOException {
        Meta.LabelSelector selector = Meta.LabelSelector.newBuilder().putMatchLabels("app", "nginx").build();
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("nginx").putLabels("app", "nginx"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(2)
                        .setSelector(selector)
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "nginx"))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder()
                                        .setName("nginx").setImage("nginx:1.14.2")
                                        .setResources(V1.ResourceRequirements.newBuilder()))))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder()))
                .build();

        JsonNode decoded = ProtobufDecoder.decode(wrap("apps/v1", "Deployment", deployment));

        assertThat(decoded).isEqualTo(json("""
                {'kind':'Deployment','apiVersion':'apps/v1',
                 'metadata':{'name':'nginx','labels':{'app':'nginx'}},
                 'spec':{'replicas':2,'selector':{'matchLabels':{'app':'nginx'}},
                   'template':{'metadata':{'labels':{'app':'nginx'}},
                     'spec':{'containers':[{'name':'nginx','image':'nginx:1.14.2','resources':{}}]}},
                   'strategy':{}}}"""));
    }

    @Test
    void explicitZeroOfAPointerFieldSurvivesButZeroOfAPlainFieldDoesNot() throws IOException {
        // replicas is *int32 (0 means "scale to zero"); minReadySeconds is a plain int32 with omitempty.
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("d").setNamespace("").setGeneration(0))
                .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(0).setMinReadySeconds(0).setPaused(false))
                .build();

        JsonNode decoded = ProtobufDecoder.decode(wrap("apps/v1", "Deployment", deployment));

        assertThat(decoded).isEqualTo(json(
                "{'kind':'Deployment','apiVersion':'apps/v1','metadata':{'name':'d'},'spec':{'replicas':0}}"));
    }

    @Test
    void zeroOfAFieldWithoutOmitemptySurvives() throws IOException {
        // PriorityClass.value is `json:"value"`: Go always writes it, 0 included.
        V1Scheduling.PriorityClass pc = V1Scheduling.PriorityClass.newBuilder()
                .setMetadata(meta("low")).setValue(0).setGlobalDefault(false).build();

        JsonNode decoded = ProtobufDecoder.decode(wrap("scheduling.k8s.io/v1", "PriorityClass", pc));

        assertThat(decoded).isEqualTo(json(
                "{'kind':'PriorityClass','apiVersion':'scheduling.k8s.io/v1','metadata':{'name':'low'},'value':0}"));
    }

    @Test
    void secretDataBecomesBase64() throws IOException {
        V1.Secret secret = V1.Secret.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("db").setNamespace("team-a"))
                .putData("password", ByteString.copyFromUtf8("s3cr3t!"))
                .putData("empty", ByteString.EMPTY)
                .putData("binary", ByteString.copyFrom(new byte[] {(byte) 0xff, 0, 1}))
                .setType("Opaque")
                .build();

        JsonNode decoded = ProtobufDecoder.decode(wrap("v1", "Secret", secret));

        assertThat(decoded).isEqualTo(json("""
                {'kind':'Secret','apiVersion':'v1','metadata':{'name':'db','namespace':'team-a'},
                 'data':{'password':'czNjcjN0IQ==','empty':'','binary':'/wAB'},'type':'Opaque'}"""));
    }

    @Test
    void serviceTargetPortIsANumberOrAString() throws IOException {
        V1.Service service = V1.Service.newBuilder()
                .setMetadata(meta("web"))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .addPorts(V1.ServicePort.newBuilder().setName("http").setPort(80).setProtocol("TCP")
                                .setTargetPort(IntOrString.newBuilder().setType(0).setIntVal(8080)))
                        .addPorts(V1.ServicePort.newBuilder().setName("https").setPort(443)
                                .setTargetPort(IntOrString.newBuilder().setType(1).setStrVal("https")))
                        .putSelector("app", "web")
                        .setType("ClusterIP"))
                .build();

        JsonNode decoded = ProtobufDecoder.decode(wrap("v1", "Service", service));

        assertThat(decoded).isEqualTo(json("""
                {'kind':'Service','apiVersion':'v1','metadata':{'name':'web'},
                 'spec':{'ports':[{'name':'http','protocol':'TCP','port':80,'targetPort':8080},
                                  {'name':'https','port':443,'targetPort':'https'}],
                         'selector':{'app':'web'},'type':'ClusterIP'}}"""));
    }

    @Test
    void namespace() throws IOException {
        V1.Namespace ns = V1.Namespace.newBuilder().setMetadata(meta("team-a"))
                .setSpec(V1.NamespaceSpec.newBuilder()).setStatus(V1.NamespaceStatus.newBuilder()).build();

        JsonNode decoded = ProtobufDecoder.decode(wrap("v1", "Namespace", ns));

        assertThat(decoded).isEqualTo(json(
                "{'kind':'Namespace','apiVersion':'v1','metadata':{'name':'team-a'},'spec':{},'status':{}}"));
    }

    @Test
    void evictionWithDeleteOptions() throws IOException {
        V1Policy.Eviction eviction = V1Policy.Eviction.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("p1").setNamespace("default"))
                .setDeleteOptions(Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(0)
                        .setPreconditions(Meta.Preconditions.newBuilder().setUid("u1")))
                .build();

        JsonNode decoded = ProtobufDecoder.decode(wrap("policy/v1", "Eviction", eviction));

        assertThat(decoded).isEqualTo(json("""
                {'kind':'Eviction','apiVersion':'policy/v1','metadata':{'name':'p1','namespace':'default'},
                 'deleteOptions':{'gracePeriodSeconds':0,'preconditions':{'uid':'u1'}}}"""));
    }

    @Test
    void selfSubjectAccessReviewExtraValuesAreArrays() throws IOException {
        // SubjectAccessReviewSpec.extra is map[string]ExtraValue, ExtraValue being a named []string.
        V1Authorization.SubjectAccessReview sar = V1Authorization.SubjectAccessReview.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder())
                .setSpec(V1Authorization.SubjectAccessReviewSpec.newBuilder().setUser("alice")
                        .putExtra("scopes", V1Authorization.ExtraValue.newBuilder().addItems("a").addItems("b").build())
                        .setNonResourceAttributes(V1Authorization.NonResourceAttributes.newBuilder()
                                .setPath("/healthz").setVerb("get")))
                .build();

        JsonNode decoded = ProtobufDecoder.decode(wrap("authorization.k8s.io/v1", "SubjectAccessReview", sar));

        assertThat(decoded).isEqualTo(json("""
                {'kind':'SubjectAccessReview','apiVersion':'authorization.k8s.io/v1','metadata':{},
                 'spec':{'nonResourceAttributes':{'path':'/healthz','verb':'get'},'user':'alice',
                         'extra':{'scopes':['a','b']}}}"""));
    }

    @Test
    void timesQuantitiesAndInlinedFields() throws IOException {
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("p")
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1704164645L).setNanos(999))
                        .setDeletionTimestamp(Meta.Time.newBuilder()))
                .setSpec(V1.PodSpec.newBuilder()
                        .addContainers(V1.Container.newBuilder().setName("c")
                                .setResources(V1.ResourceRequirements.newBuilder()
                                        .putLimits("cpu", Quantity.newBuilder().setString("500m").build())
                                        .putLimits("memory", Quantity.newBuilder().setString("128Mi").build()))
                                .setReadinessProbe(V1.Probe.newBuilder().setPeriodSeconds(5)
                                        .setHandler(V1.ProbeHandler.newBuilder().setHttpGet(V1.HTTPGetAction
                                                .newBuilder().setPath("/ready")
                                                .setPort(IntOrString.newBuilder().setType(0).setIntVal(8080))))))
                        .addVolumes(V1.Volume.newBuilder().setName("data")
                                .setVolumeSource(V1.VolumeSource.newBuilder()
                                        .setEmptyDir(V1.EmptyDirVolumeSource.newBuilder()
                                                .setSizeLimit(Quantity.newBuilder().setString("1Gi"))))))
                .build();

        JsonNode decoded = ProtobufDecoder.decode(wrap("v1", "Pod", pod));

        // deletionTimestamp: a non-nil pointer to the zero time, which Go renders as null.
        assertThat(decoded).isEqualTo(json("""
                {'kind':'Pod','apiVersion':'v1',
                 'metadata':{'name':'p','creationTimestamp':'2024-01-02T03:04:05Z','deletionTimestamp':null},
                 'spec':{'volumes':[{'name':'data','emptyDir':{'sizeLimit':'1Gi'}}],
                   'containers':[{'name':'c','resources':{'limits':{'cpu':'500m','memory':'128Mi'}},
                     'readinessProbe':{'httpGet':{'path':'/ready','port':8080},'periodSeconds':5}}]}}"""));
    }

    @Test
    void microTimeDurationRawExtensionAndFieldsV1() throws IOException {
        // Event.eventTime is a MicroTime; ControllerRevision.data a RawExtension; managedFields carry FieldsV1.
        V1.Event event = V1.Event.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("e")
                        .addManagedFields(Meta.ManagedFieldsEntry.newBuilder().setManager("kubectl")
                                .setFieldsType("FieldsV1")
                                .setFieldsV1(Meta.FieldsV1.newBuilder()
                                        .setRaw(ByteString.copyFromUtf8("{\"f:data\":{}}")))))
                .setEventTime(Meta.MicroTime.newBuilder().setSeconds(1704164645L).setNanos(123456789))
                .build();
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(meta("r"))
                .setData(RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"spec\":{\"x\":[1,2]}}")))
                .setRevision(3)
                .build();

        assertThat(ProtobufDecoder.decode(wrap("v1", "Event", event))).isEqualTo(json("""
                {'kind':'Event','apiVersion':'v1',
                 'metadata':{'name':'e','managedFields':[{'manager':'kubectl','fieldsType':'FieldsV1',
                   'fieldsV1':{'f:data':{}}}]},
                 'eventTime':'2024-01-02T03:04:05.123456Z'}"""));
        assertThat(ProtobufDecoder.decode(wrap("apps/v1", "ControllerRevision", revision))).isEqualTo(json(
                "{'kind':'ControllerRevision','apiVersion':'apps/v1','metadata':{'name':'r'},"
                        + "'data':{'spec':{'x':[1,2]}},'revision':3}"));
    }

    @Test
    void emptyRepeatedFieldsAreOmittedAndUnknownFieldsIgnored() throws IOException {
        V1.ConfigMap cm = V1.ConfigMap.newBuilder().setMetadata(meta("c")).build();
        // Field 99 is not in ConfigMap; Go's decoder skips unknown fields, so must we.
        byte[] raw = Envelopes.concat(cm.toByteArray(), new byte[] {(byte) 0x9a, 0x06, 0x01, 'x'});

        JsonNode decoded = ProtobufDecoder.decode(wrap("v1", "ConfigMap", ByteString.copyFrom(raw)));

        assertThat(decoded).isEqualTo(json("{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'c'}}"));
    }
}
