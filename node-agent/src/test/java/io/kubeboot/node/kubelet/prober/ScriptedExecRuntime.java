package io.kubeboot.node.kubelet.prober;

import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.ExecResult;
import io.kubeboot.node.runtime.ImageInfo;
import io.kubeboot.node.runtime.LogOptions;
import io.kubeboot.node.runtime.SandboxSpec;
import io.kubeboot.node.runtime.SandboxStatus;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A runtime whose exec answers come from a script (one per call, the last repeating); everything else is unsupported. */
class ScriptedExecRuntime implements ContainerRuntime {
    record Call(String containerId, List<String> command, Duration timeout) {
    }

    private final Deque<Supplier<ExecResult>> script = new ArrayDeque<>();
    final List<Call> calls = new ArrayList<>();

    ScriptedExecRuntime then(ExecResult result) {
        script.add(() -> result);
        return this;
    }

    ScriptedExecRuntime thenThrow(RuntimeException e) {
        script.add(() -> {
            throw e;
        });
        return this;
    }

    @Override
    public synchronized ExecResult exec(String containerId, List<String> command, Duration timeout) {
        calls.add(new Call(containerId, command, timeout));
        Supplier<ExecResult> next = script.size() > 1 ? script.poll() : script.peek();
        if (next == null) {
            throw new IllegalStateException("no scripted exec result");
        }
        return next.get();
    }

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public String version() {
        return "scripted://0";
    }

    @Override
    public Optional<ImageInfo> inspectImage(String image) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void pullImage(String image) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ImageInfo> listImages() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String runSandbox(SandboxSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stopSandbox(String sandboxId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeSandbox(String sandboxId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SandboxStatus> listSandboxes() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String createContainer(String sandboxId, ContainerSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void startContainer(String containerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stopContainer(String containerId, Duration gracePeriod) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeContainer(String containerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ContainerStatus> listContainers() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void logs(String containerId, LogOptions options, OutputStream out) {
        throw new UnsupportedOperationException();
    }
}
