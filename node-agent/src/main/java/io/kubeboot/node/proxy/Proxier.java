package io.kubeboot.node.proxy;

/**
 * A data plane that makes a {@link ProxyState} real (listeners in this process, or NAT rules). Calls to
 * {@link #sync} come from one thread at a time and always carry the complete desired state.
 */
public interface Proxier extends AutoCloseable {
    /**
     * Applies {@code state}: what is in it is served afterwards, what is not is removed.
     *
     * @return true when everything was applied; false when part of it failed (e.g. a port in use) and a retry soon
     * is worthwhile
     */
    boolean sync(ProxyState state);

    /** "userspace" or "iptables". */
    String mode();

    /** Stops serving and removes what this proxier set up (listeners, rules, loopback addresses it added). */
    @Override
    void close();
}
