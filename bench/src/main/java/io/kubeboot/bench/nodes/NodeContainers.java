package io.kubeboot.bench.nodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The Docker containers of one node agent, found by the label its runtime puts on every sandbox and container
 * ({@code io.kubeboot.node=<node>}), through the {@code docker} command. Read only: the bench never removes a
 * container itself (bench/run-node.sh does, at exit, for the bench's own node only).
 */
final class NodeContainers {
    static final String NODE_LABEL = "io.kubeboot.node";

    private final String node;

    NodeContainers(String node) {
        this.node = node;
    }

    /** How many containers of the node exist ({@code all}) or run; -1 when docker cannot be asked. */
    int count(boolean all) {
        try {
            Process p = new ProcessBuilder(all ? new String[] {"docker", "ps", "-aq", "--filter", "label=" + NODE_LABEL + "=" + node}
                    : new String[] {"docker", "ps", "-q", "--filter", "label=" + NODE_LABEL + "=" + node})
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return -1;
            }
            return (int) out.lines().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits up to {@code timeoutMillis} for no container of the node to exist; the count at the end. */
    int awaitNone(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int n = count(true);
        while (n > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            n = count(true);
        }
        return n;
    }
}
