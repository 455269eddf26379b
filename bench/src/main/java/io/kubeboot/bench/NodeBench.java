package io.kubeboot.bench;

import io.kubeboot.bench.core.Flags;
import io.kubeboot.bench.nodes.HeartbeatRun;
import io.kubeboot.bench.nodes.StartupRun;

/**
 * The node agent under issue 5's load, one phase per invocation (bench/run-node.sh starts the agents):
 *
 * <ul>
 *   <li>{@code --phase startup}: one agent on the Docker Engine; {@code --rounds} rounds of {@code --pods} pods
 *   created at once with {@code spec.nodeName} set, startup latency (creationTimestamp and client send time to a
 *   watch seeing Running) p50/p90/p99/max against the goal p99 <= 2 s; the agent's RSS and heap with the pods
 *   running; deletion time and leftover containers. Flags: --url, --node [bench-node-1], --pod-cidr [10.246.1.0/24],
 *   --image [registry.k8s.io/pause:3.10], --pods [30], --rounds [3], --create-clients [16], --warmup-pods [1],
 *   --timeout [120s], --agent-url (its actuator, for the heap), --agent-log (to see it learn its podCIDR),
 *   --network [kubeboot-bench] and --docker-baseline [true] (the same pods as plain {@code docker run}s, for comparison).</li>
 *   <li>{@code --phase heartbeat}: one agent playing {@code --nodes} simulated nodes; once all are registered and
 *   settled, for {@code --duration}: apiserver CPU, Lease renewals and Node writes seen, longest renewal gap
 *   against the 40 s Lease duration, the apiserver's request counts, the agent's CPU and RSS. Flags: --url,
 *   --prefix [sim-node], --nodes [1000], --duration [60s], --settle [20s], --register-timeout [5m],
 *   --lease-duration-seconds [40], --agent-started-ms (epoch ms, for the registration time).</li>
 * </ul>
 * Both: --agent-pid, --apiserver-pid, --redis-pid (CPU and memory; may be empty).
 */
public final class NodeBench {
    private NodeBench() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args);
        String phase = flags.string("phase", "startup");
        String url = flags.string("url", "http://127.0.0.1:6443");
        String agentPid = flags.string("agent-pid", "");
        String apiserverPid = flags.string("apiserver-pid", "");
        String redisPid = flags.string("redis-pid", "");
        boolean ok;
        switch (phase) {
            case "startup" -> {
                StartupRun.Settings s = new StartupRun.Settings(url, flags.string("node", "bench-node-1"),
                        flags.string("pod-cidr", "10.246.1.0/24"), flags.string("image", "registry.k8s.io/pause:3.10"),
                        flags.integer("pods", 30), flags.integer("rounds", 3), flags.integer("create-clients", 16),
                        flags.integer("warmup-pods", 1), flags.duration("timeout", "120s"),
                        flags.string("agent-url", "http://127.0.3.1:10250"), flags.string("agent-log", ""),
                        flags.string("network", "kubeboot-bench"), Boolean.parseBoolean(flags.string("docker-baseline", "true")));
                flags.rejectUnknown();
                ok = new StartupRun(s, new StartupRun.Pids(agentPid, apiserverPid, redisPid), flags.effective()).run(System.out);
            }
            case "heartbeat" -> {
                HeartbeatRun.Settings s = new HeartbeatRun.Settings(url, flags.string("prefix", "sim-node"),
                        flags.integer("nodes", 1000), flags.duration("duration", "60s"), flags.duration("settle", "20s"),
                        flags.duration("register-timeout", "5m"), flags.integer("lease-duration-seconds", 40),
                        Long.parseLong(flags.string("agent-started-ms", "0")));
                flags.rejectUnknown();
                ok = new HeartbeatRun(s, new HeartbeatRun.Pids(agentPid, apiserverPid, redisPid), flags.effective()).run(System.out);
            }
            default -> throw new IllegalArgumentException("--phase must be startup or heartbeat, not " + phase);
        }
        System.exit(ok ? 0 : 1);
    }
}
