package io.kubeboot.scheduler.testing;

import io.kubeboot.scheduler.framework.Handle;
import io.kubeboot.scheduler.framework.PodNominator;
import io.kubeboot.scheduler.framework.SharedLister;

import java.util.function.IntConsumer;

/**
 * A handle for plugins that only read the snapshot: {@link #parallelize} runs the work in order on the
 * calling thread (so results do not depend on scheduling); the nominator, runner and client are absent
 * and fail when asked for.
 */
public record SnapshotHandle(SharedLister snapshot) implements Handle {
    @Override
    public PodNominator nominator() {
        throw new UnsupportedOperationException();
    }

    @Override
    public PluginRunner runner() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClusterClient client() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void parallelize(int n, IntConsumer work) {
        for (int i = 0; i < n; i++) {
            work.accept(i);
        }
    }
}
