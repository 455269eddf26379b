package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.*;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kubeboot.apiserver.registry.pods.Expect.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Table tests after upstream's {@code TestValidatePodSpec}, {@code TestValidateContainers},
 * {@code TestValidateInitContainers}, {@code TestValidateVolumes}, {@code TestValidateEnv},
 * {@code TestValidateVolumeMounts}, {@code TestValidateProbe}, {@code TestValidateResourceRequirements},
 * {@code TestValidateTolerations} and {@code TestValidateAffinity}: each case mutates a valid,
 * defaulted pod spec and names the errors it must produce.
 */
class PodSpecValidationTest {

    static PodSpec validSpec() {
        PodSpec spec = new PodSpecBuilder()
                .addNewContainer().withName("ctr").withImage("image").endContainer()
                .addNewVolume().withName("vol").withNewEmptyDir().endEmptyDir().endVolume()
                .build();
        PodDefaults.applyPodSpecDefaults(spec);
        return spec;
    }

    private static Container ctr(PodSpec s) {
        return s.getContainers().get(0);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("valid", (Consumer<PodSpec>) s -> { }, none()),
                // containers
                arguments("no containers", (Consumer<PodSpec>) s -> s.setContainers(new ArrayList<>()), of(required("spec.containers"))),
                arguments("container without name", (Consumer<PodSpec>) s -> ctr(s).setName(null), of(required("spec.containers[0].name"))),
                arguments("container name not a DNS label", (Consumer<PodSpec>) s -> ctr(s).setName("Ctr_1"), of(invalid("spec.containers[0].name"))),
                arguments("duplicate container names", (Consumer<PodSpec>) s -> s.getContainers().add(copy(ctr(s))), of(duplicate("spec.containers[1].name"))),
                arguments("container without image", (Consumer<PodSpec>) s -> ctr(s).setImage(null), of(required("spec.containers[0].image"))),
                arguments("bad termination message policy", (Consumer<PodSpec>) s -> ctr(s).setTerminationMessagePolicy("Bogus"),
                        of(notSupported("spec.containers[0].terminationMessagePolicy"))),
                arguments("bad pull policy", (Consumer<PodSpec>) s -> ctr(s).setImagePullPolicy("Sometimes"),
                        of(notSupported("spec.containers[0].imagePullPolicy"))),
                arguments("restartPolicy on a regular container", (Consumer<PodSpec>) s -> ctr(s).setRestartPolicy("Always"),
                        of(forbidden("spec.containers[0].restartPolicy"))),
                // ports
                arguments("port zero", (Consumer<PodSpec>) s -> ctr(s).setPorts(List.of(port(null, 0, "TCP"))),
                        of(required("spec.containers[0].ports[0].containerPort"))),
                arguments("port too large", (Consumer<PodSpec>) s -> ctr(s).setPorts(List.of(port(null, 65536, "TCP"))),
                        of(invalid("spec.containers[0].ports[0].containerPort"))),
                arguments("bad port name", (Consumer<PodSpec>) s -> ctr(s).setPorts(List.of(port("a--b", 80, "TCP"))),
                        of(invalid("spec.containers[0].ports[0].name"))),
                arguments("duplicate port names", (Consumer<PodSpec>) s -> ctr(s).setPorts(List.of(port("http", 80, "TCP"), port("http", 81, "TCP"))),
                        of(duplicate("spec.containers[0].ports[1].name"))),
                arguments("bad protocol", (Consumer<PodSpec>) s -> ctr(s).setPorts(List.of(port(null, 80, "HTTP"))),
                        of(notSupported("spec.containers[0].ports[0].protocol"))),
                arguments("host port conflict", (Consumer<PodSpec>) s -> {
                    ContainerPort a = port(null, 80, "TCP");
                    a.setHostPort(8080);
                    ContainerPort b = port(null, 81, "TCP");
                    b.setHostPort(8080);
                    ctr(s).setPorts(List.of(a, b));
                }, of(duplicate("spec.containers[0].ports[1].hostPort"))),
                // env
                arguments("env without name", (Consumer<PodSpec>) s -> ctr(s).setEnv(List.of(new EnvVar(null, "v", null))),
                        of(required("spec.containers[0].env[0].name"))),
                arguments("env name with '='", (Consumer<PodSpec>) s -> ctr(s).setEnv(List.of(new EnvVar("a=b", "v", null))),
                        of(invalid("spec.containers[0].env[0].name"))),
                arguments("relaxed env names allowed", (Consumer<PodSpec>) s -> ctr(s).setEnv(List.of(new EnvVar("1 weird.name", "v", null))), none()),
                arguments("valueFrom without source", (Consumer<PodSpec>) s -> ctr(s).setEnv(List.of(new EnvVar("a", null, new EnvVarSource()))),
                        of(invalid("spec.containers[0].env[0].valueFrom"))),
                arguments("valueFrom and value", (Consumer<PodSpec>) s -> ctr(s).setEnv(List.of(new EnvVar("a", "v",
                        new EnvVarSourceBuilder().withNewFieldRef("v1", "metadata.name").build()))), of(invalid("spec.containers[0].env[0].valueFrom"))),
                arguments("unsupported fieldRef", (Consumer<PodSpec>) s -> ctr(s).setEnv(List.of(new EnvVar("a", null,
                        new EnvVarSourceBuilder().withNewFieldRef("v1", "metadata.labels").build()))),
                        of(notSupported("spec.containers[0].env[0].valueFrom.fieldRef.fieldPath"))),
                arguments("subscripted label fieldRef", (Consumer<PodSpec>) s -> ctr(s).setEnv(List.of(new EnvVar("a", null,
                        new EnvVarSourceBuilder().withNewFieldRef("v1", "metadata.labels['app']").build()))), none()),
                arguments("configMapKeyRef without key", (Consumer<PodSpec>) s -> ctr(s).setEnv(List.of(new EnvVar("a", null,
                        new EnvVarSourceBuilder().withNewConfigMapKeyRef(null, "cm", null).build()))),
                        of(required("spec.containers[0].env[0].valueFrom.configMapKeyRef.key"))),
                arguments("resourceFieldRef unsupported", (Consumer<PodSpec>) s -> ctr(s).setEnv(List.of(new EnvVar("a", null,
                        new EnvVarSourceBuilder().withNewResourceFieldRef().withResource("limits.gpu").endResourceFieldRef().build()))),
                        of(notSupported("spec.containers[0].env[0].valueFrom.resourceFieldRef.resource"))),
                arguments("envFrom without source", (Consumer<PodSpec>) s -> ctr(s).setEnvFrom(List.of(new EnvFromSource())),
                        of(invalid("spec.containers[0].envFrom"))),
                arguments("envFrom configMap without name", (Consumer<PodSpec>) s -> ctr(s).setEnvFrom(List.of(
                        new EnvFromSourceBuilder().withNewConfigMapRef().endConfigMapRef().build())),
                        of(required("spec.containers[0].envFrom[0].configMapRef.name"))),
                // volumes and mounts
                arguments("volume without name", (Consumer<PodSpec>) s -> s.getVolumes().get(0).setName(null), of(required("spec.volumes[0].name"))),
                arguments("duplicate volumes", (Consumer<PodSpec>) s -> s.getVolumes().add(new VolumeBuilder().withName("vol").withNewEmptyDir().endEmptyDir().build()),
                        of(duplicate("spec.volumes[1].name"))),
                arguments("volume with two sources", (Consumer<PodSpec>) s -> s.getVolumes().get(0).setHostPath(new HostPathVolumeSource("/tmp", "")),
                        of(forbidden("spec.volumes[0].hostPath"))),
                arguments("volume without source", (Consumer<PodSpec>) s -> s.getVolumes().get(0).setEmptyDir(null), of(required("spec.volumes[0]"))),
                arguments("hostPath with backsteps", (Consumer<PodSpec>) s -> s.getVolumes().add(new VolumeBuilder().withName("hp")
                        .withNewHostPath().withPath("/a/../b").withType("").endHostPath().build()), of(invalid("spec.volumes[1].hostPath.path"))),
                arguments("bad hostPath type", (Consumer<PodSpec>) s -> s.getVolumes().add(new VolumeBuilder().withName("hp")
                        .withNewHostPath().withPath("/a").withType("Dir").endHostPath().build()), of(notSupported("spec.volumes[1].hostPath.type"))),
                arguments("secret without name", (Consumer<PodSpec>) s -> s.getVolumes().add(new VolumeBuilder().withName("s")
                        .withNewSecret().withDefaultMode(0644).endSecret().build()), of(required("spec.volumes[1].secret.secretName"))),
                arguments("secret mode too large", (Consumer<PodSpec>) s -> s.getVolumes().add(new VolumeBuilder().withName("s")
                        .withNewSecret().withSecretName("s").withDefaultMode(01000).endSecret().build()), of(invalid("spec.volumes[1].secret.defaultMode"))),
                arguments("configMap item with absolute path", (Consumer<PodSpec>) s -> s.getVolumes().add(new VolumeBuilder().withName("c")
                        .withNewConfigMap().withName("cm").withDefaultMode(0644).addNewItem("k", null, "/abs", null).endConfigMap().build()),
                        of(invalid("spec.volumes[1].configMap.items[0].path"))),
                arguments("pvc without claim", (Consumer<PodSpec>) s -> s.getVolumes().add(new VolumeBuilder().withName("p")
                        .withNewPersistentVolumeClaim().endPersistentVolumeClaim().build()), of(required("spec.volumes[1].persistentVolumeClaim.claimName"))),
                arguments("nfs relative path", (Consumer<PodSpec>) s -> s.getVolumes().add(new VolumeBuilder().withName("n")
                        .withNewNfs().withServer("srv").withPath("rel").endNfs().build()), of(invalid("spec.volumes[1].nfs.path"))),
                arguments("mount of unknown volume", (Consumer<PodSpec>) s -> ctr(s).setVolumeMounts(List.of(mount("nope", "/data"))),
                        of(notFound("spec.containers[0].volumeMounts[0].name"))),
                arguments("mount without path", (Consumer<PodSpec>) s -> ctr(s).setVolumeMounts(List.of(mount("vol", null))),
                        of(required("spec.containers[0].volumeMounts[0].mountPath"))),
                arguments("duplicate mount paths", (Consumer<PodSpec>) s -> ctr(s).setVolumeMounts(List.of(mount("vol", "/d"), mount("vol", "/d"))),
                        of(invalid("spec.containers[0].volumeMounts[1].mountPath"))),
                arguments("subPath with backsteps", (Consumer<PodSpec>) s -> {
                    VolumeMount m = mount("vol", "/d");
                    m.setSubPath("../x");
                    ctr(s).setVolumeMounts(List.of(m));
                }, of(invalid("spec.containers[0].volumeMounts.subPath"))),
                arguments("bidirectional propagation unprivileged", (Consumer<PodSpec>) s -> {
                    VolumeMount m = mount("vol", "/d");
                    m.setMountPropagation("Bidirectional");
                    ctr(s).setVolumeMounts(List.of(m));
                }, of(forbidden("spec.containers[0].volumeMounts.mountPropagation"))),
                // probes and lifecycle
                arguments("probe without handler", (Consumer<PodSpec>) s -> ctr(s).setLivenessProbe(probe(null)),
                        of(required("spec.containers[0].livenessProbe"))),
                arguments("probe with two handlers", (Consumer<PodSpec>) s -> {
                    Probe p = probe(new ExecAction(List.of("true")));
                    p.setTcpSocket(new TCPSocketAction(null, new IntOrString(80)));
                    ctr(s).setReadinessProbe(p);
                }, of(forbidden("spec.containers[0].readinessProbe.tcpSocket"))),
                arguments("liveness successThreshold must be 1", (Consumer<PodSpec>) s -> {
                    Probe p = probe(new ExecAction(List.of("true")));
                    p.setSuccessThreshold(2);
                    ctr(s).setLivenessProbe(p);
                }, of(invalid("spec.containers[0].livenessProbe.successThreshold"))),
                arguments("negative probe period", (Consumer<PodSpec>) s -> {
                    Probe p = probe(new ExecAction(List.of("true")));
                    p.setPeriodSeconds(-1);
                    ctr(s).setReadinessProbe(p);
                }, of(invalid("spec.containers[0].readinessProbe.periodSeconds"))),
                arguments("exec without command", (Consumer<PodSpec>) s -> ctr(s).setLivenessProbe(probe(new ExecAction(List.of()))),
                        of(required("spec.containers[0].livenessProbe.exec.command"))),
                arguments("httpGet bad port name", (Consumer<PodSpec>) s -> {
                    Probe p = probe(null);
                    p.setHttpGet(new HTTPGetActionBuilder().withPath("/").withScheme("HTTP").withPort(new IntOrString("Http")).build());
                    ctr(s).setLivenessProbe(p);
                }, of(invalid("spec.containers[0].livenessProbe.httpGet.port"))),
                arguments("readiness with terminationGracePeriodSeconds", (Consumer<PodSpec>) s -> {
                    Probe p = probe(new ExecAction(List.of("true")));
                    p.setTerminationGracePeriodSeconds(10L);
                    ctr(s).setReadinessProbe(p);
                }, of(invalid("spec.containers[0].readinessProbe.terminationGracePeriodSeconds"))),
                arguments("lifecycle hook without handler", (Consumer<PodSpec>) s -> ctr(s).setLifecycle(
                        new LifecycleBuilder().withNewPreStop().endPreStop().build()), of(required("spec.containers[0].lifecycle.preStop"))),
                // init containers
                arguments("init container probe", (Consumer<PodSpec>) s -> {
                    Container init = copy(ctr(s));
                    init.setName("init");
                    init.setReadinessProbe(probe(new ExecAction(List.of("true"))));
                    s.setInitContainers(List.of(init));
                }, of(forbidden("spec.initContainers[0].readinessProbe"))),
                arguments("init container name clashes", (Consumer<PodSpec>) s -> s.setInitContainers(List.of(copy(ctr(s)))),
                        of(duplicate("spec.initContainers[0].name"))),
                arguments("sidecar with probe is fine", (Consumer<PodSpec>) s -> {
                    Container init = copy(ctr(s));
                    init.setName("sidecar");
                    init.setRestartPolicy("Always");
                    init.setReadinessProbe(probe(new ExecAction(List.of("true"))));
                    s.setInitContainers(List.of(init));
                }, none()),
                arguments("init restartPolicy Never", (Consumer<PodSpec>) s -> {
                    Container init = copy(ctr(s));
                    init.setName("init");
                    init.setRestartPolicy("Never");
                    s.setInitContainers(List.of(init));
                }, of(notSupported("spec.initContainers[0].restartPolicy"))),
                // resources
                arguments("request above limit", (Consumer<PodSpec>) s -> ctr(s).setResources(resources(Map.of("cpu", "2"), Map.of("cpu", "1"))),
                        of(invalid("spec.containers[0].resources.requests"))),
                arguments("negative memory", (Consumer<PodSpec>) s -> ctr(s).setResources(resources(Map.of("memory", "-1Mi"), null)),
                        of(invalid("spec.containers[0].resources.requests[memory]"))),
                // upstream reports both "standard resource type" and "standard resource for containers"
                arguments("unknown resource", (Consumer<PodSpec>) s -> ctr(s).setResources(resources(null, Map.of("gpu", "1"))),
                        of(invalid("spec.containers[0].resources.limits[gpu]"), invalid("spec.containers[0].resources.limits[gpu]"))),
                arguments("malformed quantity", (Consumer<PodSpec>) s -> ctr(s).setResources(resources(Map.of("cpu", "1x"), null)),
                        of(invalid("spec.containers[0].resources.requests[cpu]"))),
                arguments("extended resource request without limit", (Consumer<PodSpec>) s -> ctr(s).setResources(resources(Map.of("example.com/gpu", "1"), null)),
                        of(required("spec.containers[0].resources.limits"))),
                arguments("fractional extended resource", (Consumer<PodSpec>) s -> ctr(s).setResources(resources(Map.of("example.com/gpu", "500m"), Map.of("example.com/gpu", "500m"))),
                        of(invalid("spec.containers[0].resources.limits[example.com/gpu]"), invalid("spec.containers[0].resources.requests[example.com/gpu]"))),
                // pod level
                arguments("bad restart policy", (Consumer<PodSpec>) s -> s.setRestartPolicy("Sometimes"), of(notSupported("spec.restartPolicy"))),
                arguments("bad dns policy", (Consumer<PodSpec>) s -> s.setDnsPolicy("Custom"), of(notSupported("spec.dnsPolicy"))),
                arguments("dns None without config", (Consumer<PodSpec>) s -> s.setDnsPolicy("None"), of(required("spec.dnsConfig"))),
                arguments("dns nameserver not an IP", (Consumer<PodSpec>) s -> s.setDnsConfig(new PodDNSConfig(List.of("dns.local"), null, null)),
                        of(invalid("spec.dnsConfig.nameservers[0]"))),
                arguments("missing grace period", (Consumer<PodSpec>) s -> s.setTerminationGracePeriodSeconds(null),
                        of(required("spec.terminationGracePeriodSeconds"))),
                arguments("bad node selector", (Consumer<PodSpec>) s -> s.setNodeSelector(Map.of("key", "-bad")), of(invalid("spec.nodeSelector"))),
                arguments("bad service account name", (Consumer<PodSpec>) s -> s.setServiceAccountName("Bad_SA"), of(invalid("spec.serviceAccountName"))),
                arguments("bad node name", (Consumer<PodSpec>) s -> s.setNodeName("Node_1"), of(invalid("spec.nodeName"))),
                arguments("bad hostname", (Consumer<PodSpec>) s -> s.setHostname("a.b"), of(invalid("spec.hostname"))),
                arguments("zero activeDeadlineSeconds", (Consumer<PodSpec>) s -> s.setActiveDeadlineSeconds(0L), of(invalid("spec.activeDeadlineSeconds"))),
                arguments("host alias with bad IP", (Consumer<PodSpec>) s -> s.setHostAliases(List.of(new HostAlias(List.of("foo"), "999.1.1.1"))),
                        of(invalid("spec.hostAliases[0].ip"))),
                arguments("runAsUser out of range", (Consumer<PodSpec>) s -> s.getSecurityContext().setRunAsUser(-1L),
                        of(invalid("spec.securityContext.runAsUser"))),
                arguments("duplicate sysctls", (Consumer<PodSpec>) s -> s.getSecurityContext().setSysctls(List.of(new Sysctl("kernel.shm_rmid_forced", "1"),
                        new Sysctl("kernel.shm_rmid_forced", "0"))), of(duplicate("spec.securityContext.sysctls[1].name"))),
                arguments("hostNetwork template port 0 allowed", (Consumer<PodSpec>) s -> {
                    s.setHostNetwork(true);
                    ctr(s).setPorts(List.of(port(null, 80, "TCP")));
                }, none()),
                arguments("hostNetwork with different hostPort", (Consumer<PodSpec>) s -> {
                    s.setHostNetwork(true);
                    ContainerPort p = port(null, 80, "TCP");
                    p.setHostPort(81);
                    ctr(s).setPorts(List.of(p));
                }, of(invalid("spec.containers[0].ports[0].hostPort"))),
                arguments("bad os", (Consumer<PodSpec>) s -> s.setOs(new PodOS("plan9")), of(notSupported("spec.os"))),
                // tolerations
                arguments("toleration with empty key needs Exists", (Consumer<PodSpec>) s -> s.setTolerations(List.of(new Toleration("NoSchedule", null, "Equal", null, "v"))),
                        of(invalid("spec.tolerations[0].operator"))),
                arguments("tolerationSeconds needs NoExecute", (Consumer<PodSpec>) s -> s.setTolerations(List.of(new Toleration("NoSchedule", "k", "Exists", 10L, null))),
                        of(invalid("spec.tolerations[0].effect"))),
                arguments("Exists with value", (Consumer<PodSpec>) s -> s.setTolerations(List.of(new Toleration(null, "k", "Exists", null, "v"))),
                        of(invalid("spec.tolerations[0].operator"))),
                arguments("bad toleration effect", (Consumer<PodSpec>) s -> s.setTolerations(List.of(new Toleration("Never", "k", "Exists", null, null))),
                        of(notSupported("spec.tolerations[0].effect"))),
                arguments("bad toleration operator", (Consumer<PodSpec>) s -> s.setTolerations(List.of(new Toleration(null, "k", "In", null, null))),
                        of(notSupported("spec.tolerations[0].operator"))),
                // affinity
                arguments("node affinity without terms", (Consumer<PodSpec>) s -> s.setAffinity(new AffinityBuilder().withNewNodeAffinity()
                        .withNewRequiredDuringSchedulingIgnoredDuringExecution().endRequiredDuringSchedulingIgnoredDuringExecution()
                        .endNodeAffinity().build()),
                        of(required("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"))),
                arguments("node affinity In without values", (Consumer<PodSpec>) s -> s.setAffinity(new AffinityBuilder().withNewNodeAffinity()
                        .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
                        .addToMatchExpressions(new NodeSelectorRequirement("zone", "In", List.of())).endNodeSelectorTerm()
                        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build()),
                        of(required("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values"))),
                arguments("preferred weight out of range", (Consumer<PodSpec>) s -> s.setAffinity(new AffinityBuilder().withNewNodeAffinity()
                        .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(101).withNewPreference().endPreference()
                        .endPreferredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build()),
                        of(invalid("spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight"))),
                arguments("pod anti affinity without topologyKey", (Consumer<PodSpec>) s -> s.setAffinity(new AffinityBuilder().withNewPodAntiAffinity()
                        .addNewRequiredDuringSchedulingIgnoredDuringExecution().withNewLabelSelector().withMatchLabels(Map.of("a", "b"))
                        .endLabelSelector().endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build()),
                        // an empty qualified name fails twice: "must be non-empty" and the regex
                        of(required("spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey"),
                                invalid("spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey"),
                                invalid("spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey"))),
                arguments("topology spread maxSkew 0", (Consumer<PodSpec>) s -> s.setTopologySpreadConstraints(List.of(
                        new TopologySpreadConstraintBuilder().withMaxSkew(0).withTopologyKey("zone").withWhenUnsatisfiable("DoNotSchedule").build())),
                        of(invalid("spec.topologySpreadConstraints[0].maxSkew"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesPodSpec(String name, Consumer<PodSpec> mutate, List<Expect> expected) {
        PodSpec spec = validSpec();
        mutate.accept(spec);
        assertErrors(PodSpecValidation.validatePodSpec(spec, null, FieldPath.of("spec")), expected);
    }

    @Test
    void messagesMatchUpstream() {
        PodSpec spec = validSpec();
        ctr(spec).setResources(resources(Map.of("cpu", "2"), Map.of("cpu", "1")));
        ctr(spec).setImage(null);
        s(spec).setRestartPolicy("Sometimes");
        FieldErrors errs = PodSpecValidation.validatePodSpec(spec, null, FieldPath.of("spec"));
        assertThat(errs.list()).extracting(FieldError::toString).containsExactlyInAnyOrder(
                "spec.containers[0].image: Required value",
                "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    }

    @Test
    void templateErrorsUseTemplatePaths() {
        PodTemplateSpec t = new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("app", "-bad")).endMetadata()
                .withSpec(validSpec()).build();
        t.getSpec().setEphemeralContainers(List.of(new EphemeralContainerBuilder().withName("dbg").withImage("busybox")
                .withImagePullPolicy("Always").withTerminationMessagePolicy("File").build()));
        assertErrors(PodSpecValidation.validatePodTemplateSpec(t, FieldPath.of("spec", "template")),
                of(invalid("spec.template.labels"), forbidden("spec.template.spec.ephemeralContainers")));
    }

    @Test
    void deletionCostAnnotationMustBeAnInteger() {
        assertErrors(PodSpecValidation.validatePodSpecificAnnotations(
                        Map.of(PodSpecValidation.POD_DELETION_COST_ANNOTATION, "abc"), validSpec(), FieldPath.of("metadata", "annotations")),
                of(invalid("metadata.annotations[controller.kubernetes.io/pod-deletion-cost]")));
    }

    private static PodSpec s(PodSpec spec) {
        return spec;
    }

    static Container copy(Container c) {
        return new ContainerBuilder(c).build();
    }

    static ContainerPort port(String name, int number, String protocol) {
        return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol(protocol).build();
    }

    private static VolumeMount mount(String name, String path) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).build();
    }

    private static Probe probe(ExecAction exec) {
        Probe p = new Probe();
        p.setExec(exec);
        PodDefaults.applyProbeDefaults(p);
        return p;
    }

    static ResourceRequirements resources(Map<String, String> requests, Map<String, String> limits) {
        ResourceRequirements r = new ResourceRequirements();
        if (requests != null) {
            r.setRequests(quantities(requests));
        }
        if (limits != null) {
            r.setLimits(quantities(limits));
        }
        return r;
    }

    private static Map<String, Quantity> quantities(Map<String, String> m) {
        Map<String, Quantity> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out;
    }
}
