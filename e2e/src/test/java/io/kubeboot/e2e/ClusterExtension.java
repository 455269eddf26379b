package io.kubeboot.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the one {@link Cluster} of this test JVM (a constructor or method parameter of type Cluster),
 * started on first use and closed by JUnit when the whole run ends (it lives in the root context's store). A cluster
 * that failed to start is not retried: every later class fails at once with the same cause.
 */
final class ClusterExtension implements ParameterResolver {
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
