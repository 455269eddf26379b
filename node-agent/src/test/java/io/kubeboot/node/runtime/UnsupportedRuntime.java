package io.kubeboot.node.runtime;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Base of the small scripted runtimes of the unit tests: every call a test does not script fails loudly, so a
 * test cannot pass through a code path it did not expect.
 */
public abstract class UnsupportedRuntime implements ContainerRuntime {
    @Override
    public String type() {
        return "docker";
    }

    @Override
    public String version() {
        return "docker://test";
    }

    @Override
    public Optional<ImageInfo> inspectImage(String image) {
        throw new UnsupportedOperationException("inspectImage");
    }

    @Override
    public void pullImage(String image) {
        throw new UnsupportedOperationException("pullImage");
    }

    @Override
    public List<ImageInfo> listImages() {
        throw new UnsupportedOperationException("listImages");
    }

    @Override
    public String runSandbox(SandboxSpec spec) {
        throw new UnsupportedOperationException("runSandbox");
    }

    @Override
    public void stopSandbox(String sandboxId) {
        throw new UnsupportedOperationException("stopSandbox");
    }

    @Override
    public void removeSandbox(String sandboxId) {
        throw new UnsupportedOperationException("removeSandbox");
    }

    @Override
    public List<SandboxStatus> listSandboxes() {
        throw new UnsupportedOperationException("listSandboxes");
    }

    @Override
    public String createContainer(String sandboxId, ContainerSpec spec) {
        throw new UnsupportedOperationException("createContainer");
    }

    @Override
    public void startContainer(String containerId) {
        throw new UnsupportedOperationException("startContainer");
    }

    @Override
    public void stopContainer(String containerId, Duration gracePeriod) {
        throw new UnsupportedOperationException("stopContainer");
    }

    @Override
    public void removeContainer(String containerId) {
        throw new UnsupportedOperationException("removeContainer");
    }

    @Override
    public List<ContainerStatus> listContainers() {
        throw new UnsupportedOperationException("listContainers");
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        throw new UnsupportedOperationException("containerStatus");
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        throw new UnsupportedOperationException("exec");
    }

    @Override
    public void logs(String containerId, LogOptions options, OutputStream out) {
        throw new UnsupportedOperationException("logs");
    }
}
