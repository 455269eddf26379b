package io.kubeboot.node.proxy.userspace;

import java.io.IOException;
import java.util.Set;

/** The IPv4 addresses of the loopback interface, and adding/removing /32 addresses on it. */
public interface LocalAddresses {
    /** The IPv4 addresses currently on the loopback interface. */
    Set<String> list() throws IOException;

    /** Adds {@code ip}/32; succeeds when it is already there. Throws {@link NotPermittedException} without privilege. */
    void add(String ip) throws IOException;

    /** Removes {@code ip}/32; succeeds when it is not there. */
    void remove(String ip) throws IOException;

    /** The process may not change the interface's addresses (not root, no CAP_NET_ADMIN, no {@code ip} tool). */
    final class NotPermittedException extends IOException {
        public NotPermittedException(String message) {
            super(message);
        }
    }
}
