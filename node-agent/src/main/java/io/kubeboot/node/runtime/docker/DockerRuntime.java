package io.kubeboot.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ContainerSpec;
import io.kubeboot.node.runtime.ContainerStatus;
import io.kubeboot.node.runtime.ExecResult;
import io.kubeboot.node.runtime.ExecStreams;
import io.kubeboot.node.runtime.ImageInfo;
import io.kubeboot.node.runtime.LogOptions;
import io.kubeboot.node.runtime.RuntimeLabels;
import io.kubeboot.node.runtime.RuntimeOperationException;
import io.kubeboot.node.runtime.SandboxSpec;
import io.kubeboot.node.runtime.SandboxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link ContainerRuntime} on a Docker Engine (docker-java), as the dockershim ran pods: a sandbox container from the
 * pause image holding the pod's network, IPC and UTS namespaces, and one container per pod container joined to it
 * with network mode {@code container:<sandbox>}. Containers joined that way share the sandbox's
 * {@code /etc/resolv.conf}, {@code /etc/hosts} and {@code /etc/hostname} files (the engine bind-mounts the sandbox's
 * files), so the sandbox's files are rewritten on the engine's host right after it starts: resolv.conf from the pod's
 * DNS config, hosts in the kubelet's managed format. That needs this process to be able to write the engine's
 * container files (same machine, root), as the dockershim did.
 *
 * <p>Every object created carries the {@link RuntimeLabels} with this runtime's node name; listings ask the engine
 * for that label only, and operations by ID on an object of another node (or one KubeBoot did not create) treat it
 * as absent: several agents share one engine and never see or touch each other's or anyone else's containers.
 */
public final class DockerRuntime implements ContainerRuntime, Closeable {
    /** Grace period when stopping a sandbox (the dockershim's defaultSandboxGracePeriod). */
    static final Duration SANDBOX_GRACE_PERIOD = Duration.ofSeconds(10);
    static final String REASON_CREATE_SANDBOX = "CreatePodSandboxError";
    static final String REASON_CREATE_CONTAINER = "CreateContainerError";
    static final String REASON_RUN_CONTAINER = "RunContainerError";
    static final String REASON_PULL = "ErrImagePull";

    private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);

    private final DockerClient docker;
    private final String nodeName;
    private final boolean ownsClient;
    /** The engine's address, which streaming exec connects to itself (see {@link DockerExecAttach}). */
    private final URI dockerHost;
    /** Inspected statuses by container ID, reused while the engine's listing shows the same state. */
    private final Map<String, CachedStatus> statusCache = new ConcurrentHashMap<>();
    private volatile String version;

    private record CachedStatus(String dockerState, ContainerStatus status) {
    }

    /** Connects to the engine at {@code dockerHost} (e.g. {@code unix:///var/run/docker.sock}); {@link #close()} disconnects. */
    public DockerRuntime(String dockerHost, String nodeName) {
        this(connect(dockerHost), URI.create(dockerHost), nodeName, true);
    }

    /**
     * Uses an existing client, which {@link #close()} leaves open; streaming exec connects to the engine docker-java
     * defaults to ({@code DOCKER_HOST}, else the local socket).
     */
    public DockerRuntime(DockerClient docker, String nodeName) {
        this(docker, DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost(), nodeName, false);
    }

    private DockerRuntime(DockerClient docker, URI dockerHost, String nodeName, boolean ownsClient) {
        if (nodeName == null || nodeName.isBlank()) {
            throw new IllegalArgumentException("a node name is required");
        }
        this.docker = Objects.requireNonNull(docker, "docker");
        this.nodeName = nodeName;
        this.ownsClient = ownsClient;
        this.dockerHost = dockerHost;
    }

    /** A docker-java client for the engine at {@code dockerHost}. */
    public static DockerClient connect(String dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(200)
                .connectionTimeout(Duration.ofSeconds(30))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    public DockerClient dockerClient() {
        return docker;
    }

    public String nodeName() {
        return nodeName;
    }

    @Override
    public void close() throws IOException {
        if (ownsClient) {
            docker.close();
        }
    }

    @Override
    public String type() {
        return "docker";
    }

    @Override
    public String version() {
        String v = version;
        if (v == null) {
            try {
                v = "docker://" + docker.versionCmd().exec().getVersion();
            } catch (RuntimeException e) {
                throw failure(null, "cannot read the docker version", e);
            }
            version = v;
        }
        return v;
    }

    // --- images ---

    @Override
    public Optional<ImageInfo> inspectImage(String image) {
        try {
            InspectImageResponse inspect = docker.inspectImageCmd(image).exec();
            return Optional.of(new ImageInfo(inspect.getId(), tags(inspect.getRepoTags()),
                    inspect.getSize() == null ? 0 : inspect.getSize()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure(null, "cannot inspect image " + image, e);
        }
    }

    @Override
    public void pullImage(String image) {
        ImageReference ref = ImageReference.parse(image);
        QuietPullCallback callback = new QuietPullCallback();
        try {
            PullImageCmd pull = docker.pullImageCmd(ref.repository());
            if (ref.tag() != null) {
                pull = pull.withTag(ref.tag());
            }
            pull.exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeOperationException(REASON_PULL, "rpc error: code = Canceled desc = pull of " + image
                    + " interrupted", e);
        } catch (RuntimeException e) {
            throw pullFailure(callback.error != null ? callback.error : e);
        }
        if (callback.error != null) {
            throw pullFailure(callback.error);
        }
    }

    /** Keeps the pull's error for the caller instead of docker-java's ERROR log with a stack trace per failed pull. */
    private static final class QuietPullCallback extends PullImageResultCallback {
        private volatile Throwable error;

        @Override
        public void onError(Throwable throwable) {
            if (error == null) {
                error = throwable;
            }
            closeQuietly(this);
        }
    }

    private static RuntimeOperationException pullFailure(Throwable e) {
        if (e instanceof DockerException) {
            // the daemon refused the request: the CLI's and cri-dockerd's "Error response from daemon: ..."
            return new RuntimeOperationException(REASON_PULL,
                    "rpc error: code = Unknown desc = Error response from daemon: " + DockerMessages.of(e), e);
        }
        // an error reported in the pull's progress stream ("Could not pull image: <daemon's error>")
        String message = DockerMessages.of(e);
        String prefix = "Could not pull image: ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        return new RuntimeOperationException(REASON_PULL, "rpc error: code = Unknown desc = " + message, e);
    }

    @Override
    public List<ImageInfo> listImages() {
        try {
            List<ImageInfo> images = new ArrayList<>();
            for (Image image : docker.listImagesCmd().exec()) {
                images.add(new ImageInfo(image.getId(),
                        tags(image.getRepoTags() == null ? List.of() : Arrays.asList(image.getRepoTags())),
                        image.getSize() == null ? 0 : image.getSize()));
            }
            return images;
        } catch (RuntimeException e) {
            throw failure(null, "cannot list images", e);
        }
    }

    private static List<String> tags(List<String> repoTags) {
        if (repoTags == null) {
            return List.of();
        }
        return repoTags.stream().filter(t -> t != null && !t.equals("<none>:<none>")).toList();
    }

    // --- sandboxes ---

    @Override
    public String runSandbox(SandboxSpec spec) {
        if (inspectImage(spec.image()).isEmpty()) {
            pullImage(spec.image());
        }
        Map<String, String> labels = new HashMap<>(spec.labels());
        labels.put(RuntimeLabels.POD_NAMESPACE, spec.podNamespace());
        labels.put(RuntimeLabels.POD_NAME, spec.podName());
        labels.put(RuntimeLabels.POD_UID, spec.podUid());
        labels.put(RuntimeLabels.CONTAINER_NAME, "POD");
        labels.put(RuntimeLabels.NODE, nodeName);
        labels.put(RuntimeLabels.TYPE, RuntimeLabels.TYPE_SANDBOX);
        boolean hostNetwork = spec.network() == null;
        String id = null;
        try {
            for (int attempt = 0; id == null; attempt++) {
                HostConfig hostConfig = HostConfig.newHostConfig()
                        .withNetworkMode(hostNetwork ? "host" : spec.network())
                        .withIpcMode("shareable");
                CreateContainerCmd create = docker.createContainerCmd(spec.image())
                        .withName(sandboxName(spec, attempt))
                        .withLabels(labels)
                        .withHostConfig(hostConfig);
                if (!hostNetwork) {
                    if (spec.hostname() != null && !spec.hostname().isEmpty()) {
                        create.withHostName(spec.hostname());
                    }
                    if (spec.domainName() != null && !spec.domainName().isEmpty()) {
                        create.withDomainName(spec.domainName());
                    }
                    if (spec.ipAddress() != null) {
                        create.withIpv4Address(spec.ipAddress());
                    }
                }
                try {
                    id = create.exec().getId();
                } catch (ConflictException e) {
                    // the name of an earlier sandbox of this pod is still taken: next attempt number
                    if (attempt >= 50) {
                        throw e;
                    }
                }
            }
            docker.startContainerCmd(id).exec();
            writePodFiles(id, spec);
            return id;
        } catch (RuntimeException e) {
            if (id != null) {
                forceRemove(id);
            }
            if (e instanceof RuntimeOperationException r) {
                throw r;
            }
            throw failure(REASON_CREATE_SANDBOX, null, e);
        }
    }

    /** The dockershim's sandbox name: {@code k8s_POD_<pod>_<namespace>_<uid>_<attempt>}. */
    static String sandboxName(SandboxSpec spec, int attempt) {
        return "k8s_POD_" + spec.podName() + "_" + spec.podNamespace() + "_" + spec.podUid() + "_" + attempt;
    }

    /** Rewrites the sandbox's resolv.conf and hosts files on the engine's host (shared by the pod's containers). */
    private void writePodFiles(String sandboxId, SandboxSpec spec) {
        InspectContainerResponse inspect = docker.inspectContainerCmd(sandboxId).exec();
        if (spec.dns() != null) {
            String resolv = PodFiles.resolvConf(spec.dns());
            if (!resolv.isEmpty()) {
                writeHostFile(inspect.getResolvConfPath(), resolv, "resolv.conf");
            }
        }
        String hosts;
        if (spec.network() == null) {
            hosts = PodFiles.nodeHosts(readHostFile(inspect.getHostsPath()), spec.hostAliases());
        } else {
            String ip = spec.ipAddress() != null ? spec.ipAddress() : ipOn(inspect, spec.network());
            hosts = PodFiles.managedHosts(ip, spec.hostname(), spec.domainName(), spec.hostAliases());
        }
        writeHostFile(inspect.getHostsPath(), hosts, "hosts");
    }

    private static String ipOn(InspectContainerResponse inspect, String network) {
        if (inspect.getNetworkSettings() == null || inspect.getNetworkSettings().getNetworks() == null) {
            return null;
        }
        ContainerNetwork endpoint = inspect.getNetworkSettings().getNetworks().get(network);
        return endpoint == null || endpoint.getIpAddress() == null || endpoint.getIpAddress().isEmpty() ? null
                : endpoint.getIpAddress();
    }

    private static String readHostFile(String path) {
        try {
            return path == null || path.isEmpty() ? "" : Files.readString(Path.of(path));
        } catch (IOException e) {
            return "";
        }
    }

    private static void writeHostFile(String path, String content, String what) {
        if (path == null || path.isEmpty()) {
            throw new RuntimeOperationException(REASON_CREATE_SANDBOX,
                    "the engine reported no " + what + " file for the sandbox");
        }
        try {
            // written in place: the file is bind-mounted by inode into the sandbox (and later its containers)
            Files.writeString(Path.of(path), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuntimeOperationException(REASON_CREATE_SANDBOX, "cannot write the pod's " + what + " at " + path
                    + " (the node agent must run on the engine's machine with write access to its container files): "
                    + e, e);
        }
    }

    @Override
    public void stopSandbox(String sandboxId) {
        stop(sandboxId, RuntimeLabels.TYPE_SANDBOX, SANDBOX_GRACE_PERIOD);
    }

    @Override
    public void removeSandbox(String sandboxId) {
        remove(sandboxId, RuntimeLabels.TYPE_SANDBOX);
    }

    @Override
    public List<SandboxStatus> listSandboxes() {
        List<SandboxStatus> sandboxes = new ArrayList<>();
        for (Container c : list(RuntimeLabels.TYPE_SANDBOX)) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            boolean running = "running".equals(c.getState());
            sandboxes.add(new SandboxStatus(c.getId(), labels.get(RuntimeLabels.POD_UID), running,
                    running ? listedIp(c) : null,
                    c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated()), labels));
        }
        return sandboxes;
    }

    private static String listedIp(Container c) {
        if (c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null) {
            return null;
        }
        return c.getNetworkSettings().getNetworks().values().stream()
                .map(ContainerNetwork::getIpAddress)
                .filter(ip -> ip != null && !ip.isEmpty())
                .findFirst().orElse(null);
    }

    // --- containers ---

    @Override
    public String createContainer(String sandboxId, ContainerSpec spec) {
        if (owned(sandboxId, RuntimeLabels.TYPE_SANDBOX) == null) {
            throw new RuntimeOperationException(REASON_CREATE_CONTAINER, "sandbox " + sandboxId + " not found");
        }
        Map<String, String> labels = new HashMap<>(spec.labels());
        labels.put(RuntimeLabels.NODE, nodeName);
        labels.put(RuntimeLabels.TYPE, RuntimeLabels.TYPE_CONTAINER);
        List<Bind> binds = spec.mounts().stream()
                .map(m -> new Bind(m.hostPath(), new Volume(m.containerPath()), m.readOnly() ? AccessMode.ro : AccessMode.rw))
                .toList();
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withNetworkMode(ContainerStatuses.NETWORK_MODE_CONTAINER + sandboxId)
                .withIpcMode(ContainerStatuses.NETWORK_MODE_CONTAINER + sandboxId)
                .withBinds(binds);
        if (spec.memoryLimitBytes() > 0) {
            // no swap on top of the limit, as the kubelet configures it
            hostConfig.withMemory(spec.memoryLimitBytes()).withMemorySwap(spec.memoryLimitBytes());
        }
        if (spec.cpuQuota() > 0) {
            hostConfig.withCpuQuota(spec.cpuQuota());
        }
        if (spec.cpuPeriod() > 0) {
            hostConfig.withCpuPeriod(spec.cpuPeriod());
        }
        if (spec.cpuShares() > 0) {
            hostConfig.withCpuShares((int) Math.min(Integer.MAX_VALUE, spec.cpuShares()));
        }
        CreateContainerCmd create = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(labels)
                .withEnv(spec.env())
                .withTty(spec.tty())
                .withStdinOpen(spec.stdin())
                .withHostConfig(hostConfig);
        if (spec.entrypoint() != null) {
            create.withEntrypoint(spec.entrypoint());
        }
        if (spec.cmd() != null) {
            create.withCmd(spec.cmd());
        }
        if (spec.workingDir() != null && !spec.workingDir().isEmpty()) {
            create.withWorkingDir(spec.workingDir());
        }
        try {
            return create.exec().getId();
        } catch (RuntimeException e) {
            throw failure(REASON_CREATE_CONTAINER, null, e);
        }
    }

    @Override
    public void startContainer(String containerId) {
        if (owned(containerId, RuntimeLabels.TYPE_CONTAINER) == null) {
            throw new RuntimeOperationException(REASON_RUN_CONTAINER, "container " + containerId + " not found");
        }
        statusCache.remove(containerId);
        try {
            docker.startContainerCmd(containerId).exec();
        } catch (NotModifiedException e) {
            // already running
        } catch (RuntimeException e) {
            throw failure(REASON_RUN_CONTAINER, null, e);
        } finally {
            statusCache.remove(containerId);
        }
    }

    @Override
    public void stopContainer(String containerId, Duration gracePeriod) {
        stop(containerId, RuntimeLabels.TYPE_CONTAINER, gracePeriod);
    }

    @Override
    public void removeContainer(String containerId) {
        remove(containerId, RuntimeLabels.TYPE_CONTAINER);
    }

    /**
     * {@code docker stop} with the grace period in whole seconds (rounded up), i.e. the image's stop signal then
     * SIGKILL; a zero grace period kills at once.
     */
    private void stop(String id, String type, Duration gracePeriod) {
        if (owned(id, type) == null) {
            return;
        }
        statusCache.remove(id);
        try {
            long millis = gracePeriod == null ? 0 : Math.max(0, gracePeriod.toMillis());
            if (millis == 0) {
                docker.killContainerCmd(id).exec();
            } else {
                int seconds = (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
                docker.stopContainerCmd(id).withTimeout(seconds).exec();
            }
        } catch (NotFoundException | NotModifiedException e) {
            // gone or already stopped
        } catch (ConflictException e) {
            // kill of a container that is not running
        } catch (RuntimeException e) {
            throw failure(null, "cannot stop " + id, e);
        } finally {
            statusCache.remove(id);
        }
    }

    private void remove(String id, String type) {
        if (owned(id, type) == null) {
            return;
        }
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (ConflictException e) {
            // removal already in progress
            log.debug("remove {}: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            throw failure(null, "cannot remove " + id, e);
        } finally {
            statusCache.remove(id);
        }
    }

    @Override
    public List<ContainerStatus> listContainers() {
        List<Container> listed = list(RuntimeLabels.TYPE_CONTAINER);
        Set<String> seen = new HashSet<>();
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Container c : listed) {
            seen.add(c.getId());
            CachedStatus cached = statusCache.get(c.getId());
            if (cached != null && Objects.equals(cached.dockerState(), c.getState())) {
                statuses.add(cached.status());
                continue;
            }
            try {
                InspectContainerResponse inspect = docker.inspectContainerCmd(c.getId()).exec();
                ContainerStatus status = ContainerStatuses.of(inspect);
                String state = inspect.getState() == null ? null : inspect.getState().getStatus();
                if (Objects.equals(state, c.getState())) {
                    statusCache.put(c.getId(), new CachedStatus(state, status));
                }
                statuses.add(status);
            } catch (NotFoundException e) {
                // removed since the listing
            } catch (RuntimeException e) {
                throw failure(null, "cannot inspect container " + c.getId(), e);
            }
        }
        statusCache.keySet().retainAll(seen);
        return statuses;
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        InspectContainerResponse inspect = owned(containerId, RuntimeLabels.TYPE_CONTAINER);
        return inspect == null ? Optional.empty() : Optional.of(ContainerStatuses.of(inspect));
    }

    private List<Container> list(String type) {
        try {
            return docker.listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(Map.of(RuntimeLabels.NODE, nodeName, RuntimeLabels.TYPE, type))
                    .exec();
        } catch (RuntimeException e) {
            throw failure(null, "cannot list containers", e);
        }
    }

    /** The container if it exists and is this node's object of that type; else null (absent as far as we care). */
    private InspectContainerResponse owned(String id, String type) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        try {
            InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
            Map<String, String> labels = inspect.getConfig() == null || inspect.getConfig().getLabels() == null
                    ? Map.of() : inspect.getConfig().getLabels();
            if (!nodeName.equals(labels.get(RuntimeLabels.NODE)) || !type.equals(labels.get(RuntimeLabels.TYPE))) {
                log.debug("ignoring {}: not a {} of node {}", id, type, nodeName);
                return null;
            }
            return inspect;
        } catch (NotFoundException e) {
            return null;
        } catch (RuntimeException e) {
            throw failure(null, "cannot inspect " + id, e);
        }
    }

    // --- exec and logs ---

    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        if (owned(containerId, RuntimeLabels.TYPE_CONTAINER) == null) {
            throw new RuntimeOperationException(null, "container " + containerId + " not found");
        }
        BoundedOutput output = new BoundedOutput(BoundedOutput.EXEC_OUTPUT_LIMIT);
        String execId;
        ResultCallback.Adapter<Frame> callback;
        try {
            ExecCreateCmdResponse created = docker.execCreateCmd(containerId)
                    .withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec();
            execId = created.getId();
            callback = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    output.write(frame.getPayload());
                }
            });
        } catch (RuntimeException e) {
            throw failure(null, null, e);
        }
        try {
            boolean done = timeout == null || timeout.isZero() || timeout.isNegative()
                    ? awaitForever(callback)
                    : callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                closeQuietly(callback);
                return new ExecResult(-1, output.text(), true);
            }
            return new ExecResult(exitCode(execId), output.text(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(callback);
            throw new RuntimeOperationException(null, "exec in " + containerId + " interrupted", e);
        } catch (RuntimeException e) {
            throw failure(null, null, e);
        }
    }

    private static boolean awaitForever(ResultCallback.Adapter<Frame> callback) throws InterruptedException {
        callback.awaitCompletion();
        return true;
    }

    /** The exec's exit code; the engine may report it a moment after the output stream closed. */
    private int exitCode(String execId) throws InterruptedException {
        for (int i = 0; ; i++) {
            InspectExecResponse inspect = docker.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
                return inspect.getExitCodeLong().intValue();
            }
            if (i >= 100) {
                return -1;
            }
            Thread.sleep(20);
        }
    }

    /**
     * {@code docker exec [-i] [-t]}: creates the exec with the attached streams, starts it on a connection of its
     * own ({@link DockerExecAttach}), pumps stdin on a thread (half-closing the connection at its end), applies
     * terminal resizes on another, copies the output (demultiplexed without a TTY) until the engine ends it when the
     * command exits, then reads the exit code.
     */
    @Override
    public int execStreaming(String containerId, ExecStreams streams) {
        if (owned(containerId, RuntimeLabels.TYPE_CONTAINER) == null) {
            throw new RuntimeOperationException(null, "container " + containerId + " not found");
        }
        boolean tty = streams.tty();
        String execId;
        try {
            execId = docker.execCreateCmd(containerId)
                    .withCmd(streams.command().toArray(String[]::new))
                    .withAttachStdin(streams.stdin() != null)
                    .withAttachStdout(streams.stdout() != null)
                    .withAttachStderr(!tty && streams.stderr() != null)
                    .withTty(tty)
                    .exec().getId();
        } catch (RuntimeException e) {
            throw failure(null, null, e);
        }
        List<Thread> helpers = new ArrayList<>();
        try (DockerExecAttach.Connection attached = DockerExecAttach.start(dockerHost, execId, tty)) {
            if (streams.stdin() != null) {
                helpers.add(helper("exec-stdin-" + execId, () -> pumpStdin(streams.stdin(), attached)));
            }
            if (tty && streams.resize() != null) {
                helpers.add(helper("exec-resize-" + execId, () -> applyResizes(execId, streams.resize())));
            }
            if (tty) {
                copyRaw(attached.output(), streams.stdout());
            } else {
                new StdStreamDemux(streams.stdout(), streams.stderr()).copy(attached.output());
            }
        } catch (IOException e) {
            throw new RuntimeOperationException(null, "exec in " + containerId + ": " + e.getMessage(), e);
        } finally {
            helpers.forEach(Thread::interrupt);
        }
        try {
            return exitCode(execId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeOperationException(null, "exec in " + containerId + " interrupted", e);
        } catch (RuntimeException e) {
            throw failure(null, null, e);
        }
    }

    private static Thread helper(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void pumpStdin(InputStream stdin, DockerExecAttach.Connection attached) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = stdin.read(buf)) >= 0) {
                attached.input().write(buf, 0, n);
                attached.input().flush();
            }
            attached.closeStdin();
        } catch (IOException | RuntimeException e) {
            // the command ended (connection closed) or the client went away: nothing more to send
        }
    }

    private void applyResizes(String execId, ExecStreams.TerminalSizes sizes) {
        try {
            ExecStreams.TerminalSize size;
            while ((size = sizes.next()) != null) {
                try {
                    docker.resizeExecCmd(execId).withSize(size.height(), size.width()).exec();
                } catch (RuntimeException e) {
                    log.debug("resize of exec {} failed: {}", execId, e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            // the exec ended
        }
    }

    /** TTY output: one stream; a reader that went away only stops the copying to it, not the draining. */
    private static void copyRaw(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[8192];
        boolean broken = out == null;
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (!broken) {
                try {
                    out.write(buf, 0, n);
                    out.flush();
                } catch (IOException | RuntimeException e) {
                    broken = true;
                }
            }
        }
    }

    @Override
    public void logs(String containerId, LogOptions options, OutputStream out) {
        if (owned(containerId, RuntimeLabels.TYPE_CONTAINER) == null) {
            throw new RuntimeOperationException(null, "container " + containerId + " not found");
        }
        LogLineFilter filter = new LogLineFilter(options.since(), options.timestamps());
        LogContainerCmd cmd = docker.logContainerCmd(containerId)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(options.follow())
                .withTimestamps(filter.needsTimestamps());
        if (options.tailLines() != null) {
            cmd.withTail((int) Math.max(0, Math.min(Integer.MAX_VALUE, options.tailLines())));
        } else {
            cmd.withTailAll();
        }
        if (options.since() != null) {
            // whole seconds here; the exact instant is applied per line by the filter
            cmd.withSince((int) Math.max(0, Math.min(Integer.MAX_VALUE, options.since().getEpochSecond())));
        }
        long limit = options.limitBytes() == null ? Long.MAX_VALUE : Math.max(0, options.limitBytes());
        AtomicBoolean stopped = new AtomicBoolean(limit == 0);
        if (stopped.get()) {
            return;
        }
        LogCopier copier = new LogCopier(filter, out, limit, stopped);
        try {
            cmd.exec(copier).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopped.get()) {
                throw failure(null, null, e);
            }
        } finally {
            closeQuietly(copier);
        }
    }

    /** Writes each filtered log frame to the output, stopping the stream at the byte limit or when the output fails. */
    private static final class LogCopier extends ResultCallback.Adapter<Frame> {
        private final LogLineFilter filter;
        private final OutputStream out;
        private final AtomicBoolean stopped;
        private long remaining;

        LogCopier(LogLineFilter filter, OutputStream out, long limit, AtomicBoolean stopped) {
            this.filter = filter;
            this.out = out;
            this.remaining = limit;
            this.stopped = stopped;
        }

        @Override
        public void onNext(Frame frame) {
            if (stopped.get()) {
                return;
            }
            byte[] data = filter.apply(frame.getPayload());
            if (data == null) {
                return;
            }
            try {
                int length = (int) Math.min(data.length, remaining);
                out.write(data, 0, length);
                out.flush();
                remaining -= length;
                if (remaining <= 0) {
                    stop();
                }
            } catch (IOException | RuntimeException e) {
                // the reader went away
                stop();
            }
        }

        private void stop() {
            stopped.set(true);
            closeQuietly(this);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            // closing a stream that already ended
        }
    }

    private void forceRemove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            log.warn("cannot remove {} after a failed start: {}", id, e.getMessage());
        }
    }

    /** A runtime failure with the kubelet's reason and Docker's message (prefixed with what was attempted, if given). */
    private static RuntimeOperationException failure(String reason, String doing, RuntimeException e) {
        if (e instanceof RuntimeOperationException r) {
            return r;
        }
        String message = DockerMessages.of(e);
        return new RuntimeOperationException(reason, doing == null ? message : doing + ": " + message, e);
    }
}
