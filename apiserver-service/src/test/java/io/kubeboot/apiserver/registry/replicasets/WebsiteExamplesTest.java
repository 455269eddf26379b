package io.kubeboot.apiserver.registry.replicasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeboot.api.json.Json;
import io.kubeboot.apiserver.registry.Strategy;
import io.kubeboot.apiserver.registry.StrategyHarness;
import io.kubeboot.apiserver.registry.cronjobs.CronJobStrategy;
import io.kubeboot.apiserver.registry.daemonsets.DaemonSetStrategy;
import io.kubeboot.apiserver.registry.deployments.DeploymentStrategy;
import io.kubeboot.apiserver.registry.endpointslices.EndpointSliceStrategy;
import io.kubeboot.apiserver.registry.jobs.JobStrategy;
import io.kubeboot.apiserver.registry.leases.LeaseStrategy;
import io.kubeboot.apiserver.registry.priorityclasses.PriorityClassStrategy;
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
 * Every manifest of the types served here in the Kubernetes website examples must be accepted
 * after defaulting, as kube-apiserver accepts them.
 */
class WebsiteExamplesTest {
    private static final Path ROOT = io.kubeboot.testkit.SharedExamples.k8sWebsite();

    private final Map<String, Strategy<? extends HasMetadata>> byKind = Map.of(
            "Deployment", new DeploymentStrategy(), "ReplicaSet", new ReplicaSetStrategy(),
            "DaemonSet", new DaemonSetStrategy(), "Job", new JobStrategy(), "CronJob", new CronJobStrategy(),
            "Lease", new LeaseStrategy(), "EndpointSlice", new EndpointSliceStrategy(),
            "PriorityClass", new PriorityClassStrategy());

    @Test
    void allManifestsOfOurKindsValidate() throws IOException {
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                try (MappingIterator<JsonNode> docs = Json.YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        if (doc == null || !doc.hasNonNull("kind") || !byKind.containsKey(doc.get("kind").asText())) {
                            continue;
                        }
                        String errs = check(byKind.get(doc.get("kind").asText()), doc);
                        checked.add(ROOT.relativize(f) + " " + doc.get("kind").asText());
                        if (!errs.isEmpty()) {
                            failures.add(ROOT.relativize(f) + ":\n" + errs);
                        }
                    }
                }
            }
        }
        assertThat(checked).as("manifests of our kinds").hasSizeGreaterThanOrEqualTo(6);
        assertThat(failures).as("validation failures").isEmpty();
    }

    private static <T extends HasMetadata> String check(Strategy<T> s, JsonNode doc) throws IOException {
        T obj = Json.MAPPER.treeToValue(doc, s.type());
        return StrategyHarness.render(StrategyHarness.create(s, obj));
    }
}
