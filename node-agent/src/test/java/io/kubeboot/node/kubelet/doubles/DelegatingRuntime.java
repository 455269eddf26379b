package io.kubeboot.node.kubelet.doubles;

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
import java.util.List;
import java.util.Optional;

/** A runtime double that forwards to another; tests override the calls they want to change. */
public class DelegatingRuntime implements ContainerRuntime {
    protected final ContainerRuntime delegate;

    public DelegatingRuntime(ContainerRuntime delegate) {
        this.delegate = delegate;
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public Optional<ImageInfo> inspectImage(String image) {
        return delegate.inspectImage(image);
    }

    @Override
    public void pullImage(String image) {
        delegate.pullImage(image);
    }

    @Override
    public List<ImageInfo> listImages() {
        return delegate.listImages();
    }

    @Override
    public String runSandbox(SandboxSpec spec) {
        return delegate.runSandbox(spec);
    }

    @Override
    public void stopSandbox(String sandboxId) {
        delegate.stopSandbox(sandboxId);
    }

    @Override
    public void removeSandbox(String sandboxId) {
        delegate.removeSandbox(sandboxId);
    }

    @Override
    public List<SandboxStatus> listSandboxes() {
        return delegate.listSandboxes();
    }

    @Override
    public String createContainer(String sandboxId, ContainerSpec spec) {
        return delegate.createContainer(sandboxId, spec);
    }

    @Override
    public void startContainer(String containerId) {
        delegate.startContainer(containerId);
    }

    @Override
    public void stopContainer(String containerId, Duration gracePeriod) {
        delegate.stopContainer(containerId, gracePeriod);
    }

    @Override
    public void removeContainer(String containerId) {
        delegate.removeContainer(containerId);
    }

    @Override
    public List<ContainerStatus> listContainers() {
        return delegate.listContainers();
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        return delegate.containerStatus(containerId);
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        return delegate.exec(containerId, command, timeout);
    }

    @Override
    public void logs(String containerId, LogOptions options, OutputStream out) {
        delegate.logs(containerId, options, out);
    }

    @Override
    public int execStreaming(String containerId, io.kubeboot.node.runtime.ExecStreams streams) {
        return delegate.execStreaming(containerId, streams);
    }
}
