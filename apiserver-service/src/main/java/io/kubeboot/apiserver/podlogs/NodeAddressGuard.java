package io.kubeboot.apiserver.podlogs;

import io.kubeboot.api.errors.ApiErrors;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.function.Predicate;

/**
 * KubeBoot's network safety for apiserver-to-node traffic (DESIGN.md "Network safety"): the apiserver connects
 * only to node addresses of this machine, i.e. loopback addresses ({@code 127.0.0.0/8}, {@code ::1}) and
 * addresses of one of its network interfaces. Anything else, including a host name (resolving it would itself
 * send a DNS query), is refused with 503 before any packet leaves. Thread safe.
 */
public final class NodeAddressGuard {
    private final Predicate<InetAddress> localInterfaceAddress;

    /** Checks against this machine's interfaces. */
    public NodeAddressGuard() {
        this(NodeAddressGuard::onLocalInterface);
    }

    /** Checks against the given notion of "an address of one of this machine's interfaces" (tests). */
    public NodeAddressGuard(Predicate<InetAddress> localInterfaceAddress) {
        this.localInterfaceAddress = localInterfaceAddress;
    }

    /** Throws 503 ServiceUnavailable unless {@code host} is an IP literal that is loopback or local. */
    public void check(String nodeName, String host) {
        InetAddress addr = literal(host);
        if (addr != null && (addr.isLoopbackAddress() || localInterfaceAddress.test(addr))) {
            return;
        }
        throw ApiErrors.serviceUnavailable("refusing to connect to node \"" + nodeName + "\" at \"" + host
                + "\": KubeBoot's apiserver only connects to node addresses of this machine "
                + "(loopback or a local interface address)");
    }

    /** The address when {@code host} is an IPv4 or IPv6 literal; null for a name (never resolved). */
    static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = h.contains(":") && h.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            return null;
        }
        if (v4) {
            for (String part : h.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            // a literal: getByName parses it without any lookup
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean onLocalInterface(InetAddress addr) {
        try {
            return NetworkInterface.getByInetAddress(addr) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
