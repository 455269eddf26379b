package io.kubeboot.bench;

import io.kubeboot.bench.controllers.ControllerRun;
import io.kubeboot.bench.core.Flags;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The controllers (Deployment, ReplicaSet, node lifecycle ...) under issue 4's load, with the scheduler
 * and simulated nodes: {@code --nodes} Ready nodes (cpu 64, memory 256Gi, pods 1000) whose kubelets
 * this process plays as KWOK does (bound pods are marked Running and Ready through pods/status, node
 * Leases are renewed every 10 s), then {@code --deployments} Deployments of {@code --replicas} replicas
 * created as fast as {@code --create-clients} clients can. Reports the controllers' pod creation rate
 * (target >= 500 pods/s; KWOK's own benchmark creates 10,000 pods in 60 s), the time until all pods are
 * bound and until all Deployments are Available, all from the first Deployment create.
 *
 * <p>First, unless {@code --warmup-deployments} is 0, an unreported run of the same shape with that many
 * Deployments (its own nodes and namespace, cleaned up after): every service is a JVM, and a cold run
 * measures the JIT compiler compiling the controllers', the scheduler's and the apiserver's per-pod code. By
 * default the warm-up is as large as the measured run: after 300 Deployments the three services still spent
 * twice the CPU per pod of what they spend after 1,000 (225 against 427 pods/s, docs/benchmarks.md). The warm-up
 * runs {@code --warmup-rounds} times (default 2): the first round's clean-up and pause take branches the
 * creation never took (reconcile errors on deleted objects, metric windows rotating after idle time), the JIT
 * throws away the compiled code that had not expected them (unstable_if traps, seen with -XX:+LogCompilation)
 * and compiled it again during the next run; after a second round that happens before the measured run.
 *
 * <p>Flags: --url, --deployments [1000], --replicas [10], --nodes [100], --create-clients [16],
 * --status-clients [8], --warmup-deployments [= --deployments], --warmup-rounds [2], --settle [10s] (pause after the warm-up's clean-up),
 * --timeout [15m], --stall-timeout [120s], --controller-pid, --scheduler-pid,
 * --apiserver-pid, --redis-pid (CPU split).
 */
public final class ControllerBench {
    private ControllerBench() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args);
        ControllerRun.Settings settings = new ControllerRun.Settings(flags.string("url", "http://127.0.0.1:6443"),
                flags.integer("deployments", 1000), flags.integer("replicas", 10), flags.integer("nodes", 100),
                flags.integer("create-clients", 16), flags.integer("status-clients", 8),
                flags.duration("timeout", "15m"), flags.duration("stall-timeout", "120s"));
        ControllerRun.Pids pids = new ControllerRun.Pids(flags.string("controller-pid", ""), flags.string("scheduler-pid", ""),
                flags.string("apiserver-pid", ""), flags.string("redis-pid", ""));
        int warmupDeployments = flags.integer("warmup-deployments", settings.deployments());
        int warmupRounds = flags.integer("warmup-rounds", 2);
        Duration settle = flags.duration("settle", "10s");
        flags.rejectUnknown();
        for (int round = 1; warmupDeployments > 0 && round <= warmupRounds; round++) {
            System.err.printf("bench: warm-up %d of %d (not reported): %d Deployments of %d replicas%n", round, warmupRounds,
                    warmupDeployments, settings.replicas());
            new ControllerRun(settings.withDeployments(warmupDeployments), pids, flags.effective())
                    .run(new PrintStream(OutputStream.nullOutputStream()));
            // A fixed pause, not a wait on an object: what must drain is the services' own handling of the
            // clean-up's thousands of delete events, which no API read shows (the scheduler benchmark's
            // --settle does the same)
            Thread.sleep(settle.toMillis());
        }
        boolean ok = new ControllerRun(settings, pids, flags.effective()).run(System.out);
        System.exit(ok ? 0 : 1);
    }
}
