package io.kubeboot.apiserver;

import io.kubeboot.testkit.Kubectl;
import io.kubeboot.testkit.SharedExamples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real kubectl 1.32 against the apiserver, with the manifests from the Kubernetes documentation.
 * Expected outputs are what the same commands print against Kubernetes. Skipped (with the reason)
 * where kubectl is not installed; Fabric8IT covers the same behaviour through fabric8.
 */
class KubectlIT extends ApiServerITBase {
    Kubectl kubectl;

    @BeforeEach
    void setUp() {
        assumeTrue(Kubectl.available(), "kubectl not found at " + Kubectl.binary() + ": kubectl tests skipped");
        kubectl = new Kubectl(baseUrl());
    }

    static Stream<Path> manifests() {
        return SharedExamples.allManifests().stream();
    }

    @ParameterizedTest(name = "apply {0}")
    @MethodSource("manifests")
    void appliesEveryDocumentationManifest(Path manifest) throws Exception {
        String text = Files.readString(manifest);
        String ns;
        var m = Pattern.compile("(?m)^\\s*namespace:\\s*\"?([a-z0-9-]+)").matcher(text);
        List<String> nsArgs;
        if (m.find()) {
            ns = m.group(1);
            kubectl.run("create", "namespace", ns); // may exist already (kube-system): fine
            nsArgs = List.of();
        } else {
            ns = uniqueName("apply");
            kubectl.run("create", "namespace", ns).assertOk();
            nsArgs = List.of("-n", ns);
        }
        String[] args = Stream.concat(Stream.of("apply", "-f", manifest.toString()), nsArgs.stream()).toArray(String[]::new);
        Kubectl.Result first = kubectl.run(args).assertOk();
        assertThat(first.out()).matches("(?s).*(created|configured)\\s*");
        assertThat(first.err()).doesNotContain("Warning");
        // a second apply of the unchanged manifest writes nothing, as against Kubernetes. kubectl itself may still
        // send a patch (and print "configured") where admission added to an atomic list, e.g. the
        // DefaultTolerationSeconds tolerations; the server must then find nothing to change.
        String[] rvArgs = Stream.concat(Stream.of("get", "-f", manifest.toString(), "-o",
                "jsonpath={.metadata.resourceVersion}"), nsArgs.stream()).toArray(String[]::new);
        String rvBefore = kubectl.run(rvArgs).assertOk().out();
        Kubectl.Result again = kubectl.run(args).assertOk();
        assertThat(again.out()).containsPattern("unchanged|configured");
        assertThat(kubectl.run(rvArgs).assertOk().out()).as("no write on re-apply").isEqualTo(rvBefore);
        if (!text.contains("tolerations")) {
            assertThat(again.out()).contains("unchanged");
        }
        Kubectl.Result get = kubectl.run(Stream.concat(Stream.of("get", "-f", manifest.toString(), "-o", "name"), nsArgs.stream())
                .toArray(String[]::new)).assertOk();
        assertThat(get.out().trim()).isNotEmpty();
    }

    @Test
    void tablesWideYamlJsonAndJsonpath() {
        String ns = uniqueName("get");
        kubectl.run("create", "namespace", ns).assertOk();
        kubectl.run("apply", "-n", ns, "-f", SharedExamples.manifest("application/deployment.yaml").toString()).assertOk();
        kubectl.run("apply", "-n", ns, "-f", SharedExamples.manifest("pods/pod-nginx.yaml").toString()).assertOk();
        kubectl.run("apply", "-n", ns, "-f", SharedExamples.manifest("service/networking/nginx-svc.yaml").toString()).assertOk();

        String pods = kubectl.run("get", "po", "-n", ns).assertOk().out();
        assertThat(pods.lines().findFirst().orElseThrow()).matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE");
        assertThat(pods).containsPattern("(?m)^nginx\\s+0/1\\s+Pending\\s+0\\s+\\d+s$");

        String wide = kubectl.run("get", "pods", "-n", ns, "-o", "wide").assertOk().out();
        assertThat(wide.lines().findFirst().orElseThrow())
                .matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES");
        assertThat(wide).containsPattern("(?m)^nginx\\s+0/1\\s+Pending\\s+0\\s+\\d+s\\s+<none>\\s+<none>\\s+<none>\\s+<none>$");

        String deploy = kubectl.run("get", "deploy", "-n", ns).assertOk().out();
        assertThat(deploy).containsPattern("(?m)^NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE$");
        assertThat(deploy).containsPattern("(?m)^nginx-deployment\\s+0/2\\s+0\\s+0\\s+\\d+s$");
        String deployWide = kubectl.run("get", "deployment", "nginx-deployment", "-n", ns, "-o", "wide").assertOk().out();
        assertThat(deployWide).containsPattern("(?m)^nginx-deployment\\s+0/2\\s+0\\s+0\\s+\\d+s\\s+nginx\\s+nginx:1.15\\s+app=nginx$");

        String svc = kubectl.run("get", "svc", "my-nginx", "-n", ns).assertOk().out();
        assertThat(svc).containsPattern("(?m)^NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE$");
        assertThat(svc).containsPattern("(?m)^my-nginx\\s+ClusterIP\\s+10\\.\\d+\\.\\d+\\.\\d+\\s+<none>\\s+80/TCP\\s+\\d+s$");

        String yaml = kubectl.run("get", "pod", "nginx", "-n", ns, "-o", "yaml").assertOk().out();
        assertThat(yaml).contains("kind: Pod", "name: nginx", "namespace: " + ns, "phase: Pending", "restartPolicy: Always",
                "dnsPolicy: ClusterFirst", "schedulerName: default-scheduler", "uid: ", "creationTimestamp: ");
        String json = kubectl.run("get", "deploy", "nginx-deployment", "-n", ns, "-o", "json").assertOk().out();
        assertThat(json).contains("\"kind\": \"Deployment\"", "\"replicas\": 2", "\"generation\": 1");
        String jp = kubectl.run("get", "deploy", "nginx-deployment", "-n", ns, "-o",
                "jsonpath={.spec.template.spec.containers[0].image} {.spec.strategy.type}").assertOk().out();
        assertThat(jp).isEqualTo("nginx:1.15 RollingUpdate");

        String all = kubectl.run("get", "all", "-n", ns).assertOk().out();
        assertThat(all).contains("pod/nginx", "service/my-nginx", "deployment.apps/nginx-deployment");
        String allNamespaces = kubectl.run("get", "pods", "-A").assertOk().out();
        assertThat(allNamespaces).containsPattern("(?m)^NAMESPACE\\s+NAME\\s+READY\\s+STATUS");
        assertThat(allNamespaces).containsPattern("(?m)^" + ns + "\\s+nginx\\s+0/1\\s+Pending");
    }

    @Test
    void labelAnnotateScalePatchAndDelete() {
        String ns = uniqueName("edit");
        kubectl.run("create", "namespace", ns).assertOk();
        kubectl.run("apply", "-n", ns, "-f", SharedExamples.manifest("application/deployment.yaml").toString()).assertOk();
        kubectl.run("apply", "-n", ns, "-f", SharedExamples.manifest("pods/pod-nginx.yaml").toString()).assertOk();

        assertThat(kubectl.run("label", "pod", "nginx", "-n", ns, "tier=web").assertOk().out().trim()).isEqualTo("pod/nginx labeled");
        assertThat(kubectl.run("get", "pod", "nginx", "-n", ns, "--show-labels").assertOk().out()).contains("env=test,tier=web");
        assertThat(kubectl.run("get", "pods", "-n", ns, "-l", "tier in (web,api),env!=prod", "-o", "name").assertOk().out().trim())
                .isEqualTo("pod/nginx");
        assertThat(kubectl.run("annotate", "pod", "nginx", "-n", ns, "owner=team-a").assertOk().out().trim())
                .isEqualTo("pod/nginx annotated");
        assertThat(kubectl.run("get", "pod", "nginx", "-n", ns, "-o", "jsonpath={.metadata.annotations.owner}").assertOk().out())
                .isEqualTo("team-a");

        assertThat(kubectl.run("scale", "deployment", "nginx-deployment", "-n", ns, "--replicas=5").assertOk().out().trim())
                .isEqualTo("deployment.apps/nginx-deployment scaled");
        assertThat(jsonpath(ns, "deploy/nginx-deployment", "{.spec.replicas} {.metadata.generation}")).isEqualTo("5 2");

        kubectl.run("patch", "deployment", "nginx-deployment", "-n", ns, "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.16.1\"}]}}}}").assertOk();
        assertThat(jsonpath(ns, "deploy/nginx-deployment", "{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort}"))
                .as("strategic merge patch merges containers by name").isEqualTo("nginx:1.16.1 80");
        kubectl.run("patch", "deployment", "nginx-deployment", "-n", ns, "--type=merge", "-p",
                "{\"metadata\":{\"labels\":{\"patched\":\"merge\"}}}").assertOk();
        kubectl.run("patch", "deployment", "nginx-deployment", "-n", ns, "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]").assertOk();
        assertThat(jsonpath(ns, "deploy/nginx-deployment", "{.metadata.labels.patched} {.spec.replicas}")).isEqualTo("merge 1");
        kubectl.run("set", "image", "deployment/nginx-deployment", "-n", ns, "nginx=nginx:1.17").assertOk();
        assertThat(jsonpath(ns, "deploy/nginx-deployment", "{.spec.template.spec.containers[0].image}")).isEqualTo("nginx:1.17");

        Kubectl.Result bad = kubectl.run("patch", "deployment", "nginx-deployment", "-n", ns, "--type=json", "-p",
                "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":7}]");
        assertThat(bad.exitCode()).isNotZero();

        assertThat(kubectl.run("delete", "pod", "nginx", "-n", ns).assertOk().out().trim()).isEqualTo("pod \"nginx\" deleted");
        assertThat(kubectl.run("get", "pod", "nginx", "-n", ns).err()).contains("Error from server (NotFound): pods \"nginx\" not found");
        assertThat(kubectl.run("delete", "deploy", "nginx-deployment", "-n", ns).assertOk().out().trim())
                .isEqualTo("deployment.apps \"nginx-deployment\" deleted");
    }

    private String jsonpath(String ns, String object, String expr) {
        return kubectl.run("get", object, "-n", ns, "-o", "jsonpath=" + expr).assertOk().out();
    }

    @Test
    void getWatchPrintsEachChange() throws Exception {
        String ns = uniqueName("watch");
        kubectl.run("create", "namespace", ns).assertOk();
        kubectl.run("apply", "-n", ns, "-f", SharedExamples.manifest("pods/pod-nginx.yaml").toString()).assertOk();
        Path out = Files.createTempFile("kubectl-watch", ".txt");
        Process watch = kubectl.start(out, "get", "pods", "-n", ns, "-w");
        try {
            // the listed row comes first; after it kubectl watches from the list's resourceVersion
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).contains("nginx"));
            kubectl.run("label", "pod", "nginx", "-n", ns, "step=two").assertOk();
            await().atMost(Duration.ofSeconds(20)).until(() -> nginxLines(out).size() >= 2);
            kubectl.run("delete", "pod", "nginx", "-n", ns).assertOk();
            await().atMost(Duration.ofSeconds(20)).until(() -> nginxLines(out).size() >= 3);
            List<String> lines = nginxLines(out);
            assertThat(lines).hasSize(3);
            assertThat(lines).allSatisfy(l -> assertThat(l).matches("nginx\\s+0/1\\s+Pending\\s+0\\s+\\d+s"));
        } finally {
            watch.destroyForcibly();
        }
    }

    private static List<String> nginxLines(Path out) throws java.io.IOException {
        return Files.readString(out).lines().filter(l -> l.startsWith("nginx")).toList();
    }

    @Test
    void apiResourcesAndVersion() {
        String resources = kubectl.run("api-resources").assertOk().out();
        assertThat(resources.lines().findFirst().orElseThrow()).matches("NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND");
        assertThat(resources).containsPattern("(?m)^pods\\s+po\\s+v1\\s+true\\s+Pod$");
        assertThat(resources).containsPattern("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment$");
        assertThat(resources).containsPattern("(?m)^leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease$");
        assertThat(resources).containsPattern("(?m)^controllerrevisions\\s+apps/v1\\s+true\\s+ControllerRevision$");
        assertThat(resources).containsPattern("(?m)^namespaces\\s+ns\\s+v1\\s+false\\s+Namespace$");
        String version = kubectl.run("version").assertOk().out();
        assertThat(version).contains("Client Version: v1.32").contains("Server Version: v1.32.0");
    }

    @Test
    void createCommandsSendingProtobuf() {
        String ns = uniqueName("proto");
        assertThat(kubectl.run("create", "namespace", ns).assertOk().out().trim()).isEqualTo("namespace/" + ns + " created");
        assertThat(kubectl.run("create", "configmap", "cfg", "-n", ns, "--from-literal=a=1").assertOk().out().trim())
                .isEqualTo("configmap/cfg created");
        assertThat(kubectl.run("create", "secret", "generic", "s", "-n", ns, "--from-literal=pw=x").assertOk().out().trim())
                .isEqualTo("secret/s created");
        assertThat(kubectl.run("create", "deployment", "web", "-n", ns, "--image=nginx:1.14.2", "--replicas=2").assertOk().out().trim())
                .isEqualTo("deployment.apps/web created");
        assertThat(jsonpath(ns, "configmap/cfg", "{.data.a}")).isEqualTo("1");
        assertThat(jsonpath(ns, "secret/s", "{.data.pw}")).isEqualTo("eA==");
        assertThat(jsonpath(ns, "deploy/web", "{.spec.replicas} {.spec.template.spec.containers[0].image}")).isEqualTo("2 nginx:1.14.2");
        Kubectl.Result dup = kubectl.run("create", "configmap", "cfg", "-n", ns, "--from-literal=a=1");
        // kubectl's typed create commands wrap the server's AlreadyExists this way against Kubernetes too
        assertThat(dup.err()).contains("error: failed to create configmap: configmaps \"cfg\" already exists");
    }
}
