package io.kubeboot.runtime.jvm;

/**
 * Keeps {@link java.util.concurrent.CompletableFuture}'s default executor a pool on small machines.
 *
 * <p>Why: the JDK sizes the common ForkJoinPool at (cores - 1); with 2 cores that is 1, and then every
 * {@code CompletableFuture.*Async} call without an executor, including those inside the JDK HTTP client that
 * fabric8 uses for every API response, starts a brand-new thread (CompletableFuture.ThreadPerTaskExecutor). A
 * controller manager creating 2,000 pods started 4,400 threads that way, each with cold thread-local caches
 * (Jackson's buffer recyclers among them). Call {@link #ensureParallelism()} first thing in {@code main}, before
 * anything touches the common pool; the {@code java.util.concurrent.ForkJoinPool.common.parallelism} system
 * property, when set by the user, wins.
 */
public final class CommonPool {
    static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPool() {
    }

    /** Sets the common pool's parallelism to at least 2 unless the user chose one. Idempotent. */
    public static void ensureParallelism() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(parallelismFor(Runtime.getRuntime().availableProcessors())));
        }
    }

    /** The parallelism for a machine with {@code cores} cores: the JDK's (cores - 1), but never below 2. */
    static int parallelismFor(int cores) {
        return Math.max(2, cores - 1);
    }
}
