package io.kubeboot.node.proxy.userspace;

/** Where one listener is bound: IPv4 address, port and protocol ("TCP" or "UDP"). */
record ListenerKey(String ip, int port, String protocol) {
    @Override
    public String toString() {
        return protocol + " " + ip + ":" + port;
    }
}
