package io.kubeboot.apiserver.registry.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.ObjectMetaValidation;
import io.kubeboot.apiserver.registry.Strategy;
import io.kubeboot.apiserver.registry.priorityclasses.PriorityClassLister;
import io.kubeboot.apiserver.registry.services.ServiceStrategy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every core-kind manifest of the Kubernetes website examples (shared test data, read in place)
 * must be accepted by the create path of its strategy: prepareForCreate, defaults, validation.
 */
class CoreExampleManifestsTest {
    private static final Path EXAMPLES = io.kubeboot.testkit.SharedExamples.k8sWebsite();

    private final Map<String, Strategy<? extends HasMetadata>> strategies = Map.of(
            "Pod", new PodStrategy(PriorityClassLister.of(List.of())),
            "Service", new ServiceStrategy());

    @Test
    void everyCoreManifestPassesDefaultingAndValidation() throws IOException {
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = Json.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        if (doc == null || !doc.has("kind") || !"v1".equals(doc.path("apiVersion").asText())) {
                            continue;
                        }
                        Strategy<? extends HasMetadata> strategy = strategies.get(doc.get("kind").asText());
                        if (strategy == null) {
                            continue;
                        }
                        FieldErrors errs = createPath(strategy, doc);
                        checked.add(file.getFileName() + ":" + doc.get("kind").asText());
                        if (!errs.isEmpty()) {
                            failures.add(file + ": " + errs.list());
                        }
                    }
                }
            }
        }
        assertThat(checked).as("core manifests found").hasSize(12)
                .anyMatch(s -> s.endsWith(":Pod")).anyMatch(s -> s.endsWith(":Service"));
        assertThat(failures).isEmpty();
    }

    /** The workload examples embed pod templates: the shared template helpers must accept them too. */
    @Test
    void everyExamplePodTemplatePassesDefaultingAndValidation() throws IOException {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = Json.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        JsonNode template = doc == null ? null : doc.path("spec").get("template");
                        if (template == null) {
                            continue;
                        }
                        PodTemplateSpec t = Json.MAPPER.convertValue(template, PodTemplateSpec.class);
                        PodDefaults.applyPodTemplateDefaults(t);
                        assertThat(PodSpecValidation.validatePodTemplateSpec(t, FieldPath.of("spec", "template")).list())
                                .as(file.toString()).isEmpty();
                        checked.add(file.getFileName().toString());
                    }
                }
            }
        }
        assertThat(checked).hasSize(8);
    }

    private static <T extends HasMetadata> FieldErrors createPath(Strategy<T> strategy, JsonNode doc) {
        T obj = Json.MAPPER.convertValue(doc, strategy.type());
        obj.getMetadata().setNamespace("default");
        obj.getMetadata().setUid("6a1b4c1e-0000-4000-8000-000000000001");
        obj.getMetadata().setCreationTimestamp("2024-01-01T00:00:00Z");
        strategy.prepareForCreate(obj);
        strategy.applyDefaults(obj);
        FieldErrors errs = ObjectMetaValidation.validateObjectMeta(obj.getMetadata(), true, strategy.nameValidator(),
                FieldPath.of("metadata"));
        return errs.addAll(strategy.validate(obj));
    }

    @Test
    void defaultedExamplePodLooksLikeKubeApiserverOutput() throws IOException {
        Pod pod = Json.YAML.readValue(EXAMPLES.resolve("pods/pod-nginx.yaml").toFile(), Pod.class);
        PodStrategy strategy = new PodStrategy(PriorityClassLister.of(List.of()));
        strategy.prepareForCreate(pod);
        strategy.applyDefaults(pod);
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("default");
        assertThat(pod.getSpec().getServiceAccount()).isEqualTo("default");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(pod.getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(pod.getSpec().getSchedulerName()).isEqualTo("default-scheduler");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(pod.getSpec().getEnableServiceLinks()).isTrue();
        assertThat(pod.getSpec().getTolerations()).extracting("key", "operator", "effect", "tolerationSeconds")
                .contains(org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/not-ready", "Exists", "NoExecute", 300L),
                        org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/unreachable", "Exists", "NoExecute", 300L));
        assertThat(pod.getSpec().getContainers().get(0).getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(pod.getSpec().getContainers().get(0).getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pod.getStatus().getQosClass()).isEqualTo("BestEffort");
    }

    @Test
    void defaultedExampleServiceLooksLikeKubeApiserverOutput() throws IOException {
        Service svc = Json.YAML.readValue(EXAMPLES.resolve("service/networking/nginx-svc.yaml").toFile(), Service.class);
        ServiceStrategy strategy = new ServiceStrategy();
        strategy.prepareForCreate(svc);
        strategy.applyDefaults(svc);
        assertThat(svc.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(svc.getSpec().getSessionAffinity()).isEqualTo("None");
        assertThat(svc.getSpec().getInternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(svc.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(svc.getSpec().getIpFamilies()).containsExactly("IPv4");
        assertThat(svc.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(80);
    }
}
