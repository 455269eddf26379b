package io.kubeboot.node.proxy.iptables;

import java.io.IOException;
import java.util.List;

/** The iptables operations the proxier needs (IPv4). */
public interface Iptables {
    /** Whether iptables and iptables-restore work here (installed, permitted, the nat table usable). */
    boolean usable();

    /** {@code iptables-restore --noflush} of {@code input} (tables named inside it). */
    void restore(String input) throws IOException;

    /** Inserts the rule at the top of {@code chain} unless it is there ({@code -C}, then {@code -I}). */
    void ensureRule(String table, String chain, List<String> args) throws IOException;

    /** Deletes the rule if present. */
    void deleteRule(String table, String chain, List<String> args) throws IOException;
}
