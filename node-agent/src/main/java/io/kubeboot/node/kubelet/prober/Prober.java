package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.kubeboot.node.kubelet.env.Expansion;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ExecResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one probe once (upstream prober.runProbe): exec in the container (exit 0 is success, a timeout a failure with
 * {@code command "..." timed out}), httpGet, tcpSocket; gRPC probes are not supported and fail with a message saying
 * so. A probe that cannot run (runtime error, unknown port) throws {@link ProbeException}. Thread safe.
 */
class Prober {
    static final String GRPC_UNSUPPORTED = "gRPC probes are not supported by this kubelet";

    private final ContainerRuntime runtime;
    private final HttpGetProber http = new HttpGetProber();
    private final TcpProber tcp = new TcpProber();

    Prober(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    ProbeOutcome run(Probe probe, Pod pod, Container container, String containerId, List<String> podIps) {
        Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null || probe.getTimeoutSeconds() < 1 ? 1 : probe.getTimeoutSeconds());
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        try {
            if (probe.getExec() != null) {
                List<String> command = expandStatic(probe.getExec().getCommand(), container.getEnv());
                return exec(containerId, command, timeout);
            }
            if (probe.getHttpGet() != null) {
                return http.probe(HttpGetProber.request(probe.getHttpGet(), container, podIps, hostNetwork, "probe"), timeout);
            }
            if (probe.getTcpSocket() != null) {
                int port = ProbeTargets.resolvePort(probe.getTcpSocket().getPort(), container);
                String host = ProbeTargets.host(probe.getTcpSocket().getHost(), podIps, hostNetwork);
                return tcp.probe(host, port, timeout);
            }
            if (probe.getGrpc() != null) {
                return ProbeOutcome.failure(GRPC_UNSUPPORTED);
            }
        } catch (ProbeTargets.RefusedHostException e) {
            return ProbeOutcome.failure(e.getMessage());
        }
        throw new ProbeException("missing probe handler for " + podName(pod) + ":" + container.getName());
    }

    private ProbeOutcome exec(String containerId, List<String> command, Duration timeout) {
        ExecResult result;
        try {
            result = runtime.exec(runtimeId(containerId), command, timeout);
        } catch (RuntimeException e) {
            throw new ProbeException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        if (result.timedOut()) {
            return ProbeOutcome.failure("command \"" + String.join(" ", command) + "\" timed out");
        }
        String output = result.output() == null ? "" : result.output();
        return result.exitCode() == 0 ? ProbeOutcome.success(output) : ProbeOutcome.failure(output);
    }

    /** Upstream ExpandContainerCommandOnlyStatic: only the container's literal env values are known to probes. */
    static List<String> expandStatic(List<String> command, List<EnvVar> env) {
        Map<String, String> vars = new HashMap<>();
        for (EnvVar e : env == null ? List.<EnvVar>of() : env) {
            vars.put(e.getName(), e.getValue() == null ? "" : e.getValue());
        }
        List<String> out = new ArrayList<>();
        for (String c : command == null ? List.<String>of() : command) {
            out.add(Expansion.expand(c, Expansion.mappingFor(vars)));
        }
        return out;
    }

    /** The runtime's own ID from a status container ID ({@code docker://<id>} -> {@code <id>}). */
    static String runtimeId(String containerId) {
        int sep = containerId.indexOf("://");
        return sep >= 0 ? containerId.substring(sep + 3) : containerId;
    }

    /** Upstream format.Pod: {@code name_namespace(uid)}. */
    static String podName(Pod pod) {
        return pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")";
    }
}
