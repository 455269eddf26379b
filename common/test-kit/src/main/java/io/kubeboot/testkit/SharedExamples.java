package io.kubeboot.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real manifests from the Kubernetes documentation in {@code ../shared/examples/k8s-website},
 * used unchanged as test data. Found from {@code $KUBEBOOT_SHARED} or by walking up from the working
 * directory to the folder beside the repository.
 */
public final class SharedExamples {
    private SharedExamples() {
    }

    public static Path sharedDir() {
        String env = System.getenv("KUBEBOOT_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolve("shared").resolve("examples");
            if (Files.isDirectory(candidate)) {
                return p.resolve("shared");
            }
            p = p.getParent();
        }
        throw new IllegalStateException("../shared/examples not found; set KUBEBOOT_SHARED");
    }

    public static Path k8sWebsite() {
        return sharedDir().resolve("examples").resolve("k8s-website");
    }

    public static Path manifest(String relative) {
        return k8sWebsite().resolve(relative);
    }

    /** Every YAML manifest, sorted by path. */
    public static List<Path> allManifests() {
        try (Stream<Path> s = Files.walk(k8sWebsite())) {
            return s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
