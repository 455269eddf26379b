package io.kubeboot.e2e;

import io.kubeboot.testkit.DockerEngine;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the one {@link Cluster} of this test JVM (a constructor or method parameter of type Cluster),
 * started on first use and closed by JUnit when the whole run ends (it lives in the root context's store). A cluster
 * that failed to start is not retried: every later class fails at once with the same cause.
 *
 * <p>Without any Docker Engine the test classes are skipped with how to start one (as the other container tests
 * are, see {@link DockerEngine}), so the test command works on a machine without Docker; under
 * {@code KUBEBOOT_REQUIRE_DOCKER=1} (CI) they run and the cluster's start fails with that message instead.
 */
final class ClusterExtension implements ParameterResolver, ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterExtension.class);

    /** Remembers a start failure for the rest of the run (the store keeps only successfully made values). */
    private record Started(Cluster cluster, RuntimeException failure) implements AutoCloseable {
        @Override
        public void close() {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (DockerEngine.available() || "1".equals(System.getenv(DockerEngine.REQUIRE_ENV))) {
            return ConditionEvaluationResult.enabled("a Docker Engine answers (or is required)");
        }
        return ConditionEvaluationResult.disabled("no Docker Engine answers on /var/run/docker.sock: start it with "
                + "`sudo docker/engine.sh start` (needs Debian's docker.io, docker-registry and busybox-static); "
                + "the e2e tests are skipped");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Started.class, k -> {
            try {
                return new Started(new Cluster(), null);
            } catch (RuntimeException e) {
                return new Started(null, e);
            }
        }, Started.class);
        if (started.failure() != null) {
            throw new IllegalStateException("the e2e cluster did not start: " + started.failure().getMessage(),
                    started.failure());
        }
        return started.cluster();
    }
}
