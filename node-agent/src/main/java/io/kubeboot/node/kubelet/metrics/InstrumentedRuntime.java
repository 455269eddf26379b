package io.kubeboot.node.kubelet.metrics;

import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.ExecResult;
import io.kubeboot.node.runtime.ImageInfo;
import io.kubeboot.node.runtime.LogOptions;
import io.kubeboot.node.runtime.SandboxSpec;
import io.kubeboot.node.runtime.SandboxStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link ContainerRuntime} decorator recording upstream's instrumented runtime service metrics:
 * {@code kubelet_runtime_operations_duration_seconds{operation_type}} and
 * {@code kubelet_runtime_operations_errors_total{operation_type}} with CRI's operation names
 * ({@code run_podsandbox}, {@code create_container}, {@code pull_image}, ...). Thread safe.
 */
public final class InstrumentedRuntime implements ContainerRuntime {
    private final ContainerRuntime delegate;
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();

    public InstrumentedRuntime(ContainerRuntime delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    public ContainerRuntime delegate() {
        return delegate;
    }

    private <T> T record(String op, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } catch (RuntimeException e) {
            errors.computeIfAbsent(op, o -> Counter.builder("kubelet_runtime_operations_errors")
                    .description("Cumulative number of runtime operation errors by operation type.")
                    .tag("operation_type", o).register(registry)).increment();
            throw e;
        } finally {
            timers.computeIfAbsent(op, o -> Timer.builder("kubelet_runtime_operations_duration")
                    .description("Duration in seconds of runtime operations. Broken down by operation type.")
                    .tag("operation_type", o).publishPercentileHistogram().register(registry))
                    .record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void run(String op, Runnable call) {
        record(op, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public String version() {
        return record("version", delegate::version);
    }

    @Override
    public Optional<ImageInfo> inspectImage(String image) {
        return record("image_status", () -> delegate.inspectImage(image));
    }

    @Override
    public void pullImage(String image) {
        run("pull_image", () -> delegate.pullImage(image));
    }

    @Override
    public List<ImageInfo> listImages() {
        return record("list_images", delegate::listImages);
    }

    @Override
    public String runSandbox(SandboxSpec spec) {
        return record("run_podsandbox", () -> delegate.runSandbox(spec));
    }

    @Override
    public void stopSandbox(String sandboxId) {
        run("stop_podsandbox", () -> delegate.stopSandbox(sandboxId));
    }

    @Override
    public void removeSandbox(String sandboxId) {
        run("remove_podsandbox", () -> delegate.removeSandbox(sandboxId));
    }

    @Override
    public List<SandboxStatus> listSandboxes() {
        return record("list_podsandbox", delegate::listSandboxes);
    }

    @Override
    public String createContainer(String sandboxId, ContainerSpec spec) {
        return record("create_container", () -> delegate.createContainer(sandboxId, spec));
    }

    @Override
    public void startContainer(String containerId) {
        run("start_container", () -> delegate.startContainer(containerId));
    }

    @Override
    public void stopContainer(String containerId, Duration gracePeriod) {
        run("stop_container", () -> delegate.stopContainer(containerId, gracePeriod));
    }

    @Override
    public void removeContainer(String containerId) {
        run("remove_container", () -> delegate.removeContainer(containerId));
    }

    @Override
    public List<ContainerStatus> listContainers() {
        return record("list_containers", delegate::listContainers);
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        return record("container_status", () -> delegate.containerStatus(containerId));
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        return record("exec_sync", () -> delegate.exec(containerId, command, timeout));
    }

    @Override
    public void logs(String containerId, LogOptions options, OutputStream out) {
        run("container_logs", () -> delegate.logs(containerId, options, out));
    }

    @Override
    public int execStreaming(String containerId, io.kubeboot.node.runtime.ExecStreams streams) {
        return record("exec", () -> delegate.execStreaming(containerId, streams));
    }
}
