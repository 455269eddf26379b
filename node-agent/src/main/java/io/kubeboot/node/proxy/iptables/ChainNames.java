package io.kubeboot.node.proxy.iptables;

import io.kubeboot.node.proxy.Endpoint;
import io.kubeboot.node.proxy.ServicePortName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Per-service and per-endpoint chain names as upstream's: a prefix plus the first 16 characters of the base32
 * (RFC 4648) SHA-256 of "ns/name:port" + protocol (lower case), plus "ip:port" for endpoint chains.
 */
final class ChainNames {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private ChainNames() {
    }

    static String service(ServicePortName name) {
        return "KUBE-SVC-" + hash(name + protocol(name));
    }

    static String external(ServicePortName name) {
        return "KUBE-EXT-" + hash(name + protocol(name));
    }

    static String endpoint(ServicePortName name, Endpoint endpoint) {
        return "KUBE-SEP-" + hash(name + protocol(name) + endpoint);
    }

    static String protocol(ServicePortName name) {
        return name.protocol().toLowerCase();
    }

    /** First 16 base32 characters (80 bits, i.e. the first 10 bytes) of the SHA-256 of {@code s}. */
    static String hash(String s) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder out = new StringBuilder(16);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < 10; i++) {
            buffer = (buffer << 8) | (digest[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }
}
