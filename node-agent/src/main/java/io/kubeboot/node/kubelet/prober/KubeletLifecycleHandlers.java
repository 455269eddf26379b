package io.kubeboot.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.kubeboot.node.runtime.ContainerRuntime;
import io.kubeboot.node.runtime.ExecResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upstream lifecycle/handlers.go handlerRunner.Run for postStart and preStop hooks.
 *
 * <ul>
 *   <li>exec: runs in the container; a non-zero exit fails with {@code Exec lifecycle hook ([cmd]) for Container "c"
 *       in Pod "name_ns(uid)" failed - error: command 'cmd' exited with N: <output>, message: "<output>"}. Upstream
 *       gives hooks no timeout; here {@code execTimeout} bounds them.</li>
 *   <li>httpGet: a GET to the pod IP (or the handler's host, see network safety below); any HTTP response counts as
 *       success, as upstream; a transport error fails with {@code HTTP lifecycle hook (path) for Container ... failed -
 *       error: Get "...": ...}. An https hook whose server answers plain HTTP is not retried over http.</li>
 *   <li>sleep: sleeps; an interrupt fails it with "container terminated before sleep hook finished".</li>
 *   <li>tcpSocket (deprecated, not supported for hooks): fails as upstream, "Cannot run handler: invalid handler: ...".</li>
 * </ul>
 * Network safety (a departure from upstream): an httpGet hook whose host is neither the pod's IP nor the pod's
 * loopback is not contacted and fails. Thread safe; blocking.
 */
public class KubeletLifecycleHandlers implements LifecycleHandlers {
    private final ContainerRuntime runtime;
    private final Duration execTimeout;
    private final Duration httpTimeout;
    private final HttpGetProber http = new HttpGetProber();

    /**
     * @param runtime     runs exec hooks
     * @param execTimeout the longest an exec hook may run (upstream: unbounded)
     */
    public KubeletLifecycleHandlers(ContainerRuntime runtime, Duration execTimeout) {
        this.runtime = runtime;
        this.execTimeout = execTimeout;
        this.httpTimeout = Duration.ofSeconds(10);
    }

    /** With exec hooks bounded at 2 minutes. */
    public KubeletLifecycleHandlers(ContainerRuntime runtime) {
        this(runtime, Duration.ofMinutes(2));
    }

    @Override
    public Optional<String> run(Pod pod, String containerName, String containerId, String podIp, LifecycleHandler handler) {
        String who = "for Container \"" + containerName + "\" in Pod \"" + Prober.podName(pod) + "\" failed - error: ";
        if (handler.getExec() != null) {
            List<String> command = handler.getExec().getCommand() == null ? List.of() : handler.getExec().getCommand();
            String error;
            String output = "";
            try {
                ExecResult result = runtime.exec(Prober.runtimeId(containerId), command, execTimeout);
                output = result.output() == null ? "" : result.output();
                if (result.timedOut()) {
                    error = "command '" + String.join(" ", command) + "' timed out";
                } else if (result.exitCode() != 0) {
                    error = "command '" + String.join(" ", command) + "' exited with " + result.exitCode() + ": " + output;
                } else {
                    return Optional.empty();
                }
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            return Optional.of("Exec lifecycle hook (" + goList(command) + ") " + who + error + ", message: " + goQuote(output));
        }
        if (handler.getHttpGet() != null) {
            String path = handler.getHttpGet().getPath() == null ? "" : handler.getHttpGet().getPath();
            String error;
            try {
                List<String> ips = podIp == null || podIp.isEmpty() ? List.of() : List.of(podIp);
                if (ips.isEmpty() && (handler.getHttpGet().getHost() == null || handler.getHttpGet().getHost().isEmpty())) {
                    error = "failed to find networking container: no pod IP";
                } else {
                    HttpGetProber.Request request = HttpGetProber.request(handler.getHttpGet(), container(pod, containerName), ips,
                            Boolean.TRUE.equals(pod.getSpec().getHostNetwork()), "lifecycle");
                    error = http.hook(request, httpTimeout);
                }
            } catch (ProbeTargets.RefusedHostException | ProbeException e) {
                error = e.getMessage();
            }
            return error == null ? Optional.empty() : Optional.of("HTTP lifecycle hook (" + path + ") " + who + error);
        }
        if (handler.getSleep() != null) {
            long seconds = handler.getSleep().getSeconds() == null ? 0 : handler.getSleep().getSeconds();
            try {
                Thread.sleep(Duration.ofSeconds(seconds).toMillis());
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("Sleep lifecycle hook (" + seconds + ") " + who + "container terminated before sleep hook finished");
            }
        }
        return Optional.of("Cannot run handler: invalid handler: " + describe(handler));
    }

    private static Container container(Pod pod, String name) {
        List<Container> all = new ArrayList<>();
        if (pod.getSpec().getContainers() != null) {
            all.addAll(pod.getSpec().getContainers());
        }
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        return all.stream().filter(c -> name.equals(c.getName())).findFirst().orElseGet(() -> {
            Container c = new Container();
            c.setName(name);
            return c;
        });
    }

    /** Go's %v of a []string. */
    private static String goList(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    private static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Go's generated String() of the LifecycleHandler as far as a tcpSocket-only handler needs it. */
    private static String describe(LifecycleHandler handler) {
        TCPSocketAction tcp = handler.getTcpSocket();
        String tcpText = "nil";
        if (tcp != null) {
            IntOrString port = tcp.getPort();
            String portText = port == null ? "{0 0 }" : port.getIntVal() != null ? "{0 " + port.getIntVal() + " }"
                    : "{1 0 " + port.getStrVal() + "}";
            tcpText = "&TCPSocketAction{Port:" + portText + ",Host:" + (tcp.getHost() == null ? "" : tcp.getHost()) + ",}";
        }
        return "&LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:" + tcpText + ",Sleep:nil,}";
    }
}
