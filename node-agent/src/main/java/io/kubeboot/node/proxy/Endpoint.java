package io.kubeboot.node.proxy;

/**
 * One endpoint of a service port (upstream's {@code BaseEndpointInfo}): the first address of an EndpointSlice
 * endpoint with the slice port's number, and its conditions as upstream reads them (ready and serving default to
 * true when unset, terminating to false).
 */
public record Endpoint(String ip, int port, boolean ready, boolean serving, boolean terminating, String nodeName) {
    /** Whether new connections may go here: ready and not terminating. */
    public boolean usable() {
        return ready && !terminating;
    }

    /** "ip:port", the identity upstream deduplicates and sorts endpoints by. */
    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
