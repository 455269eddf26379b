package io.kubeboot.controller.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubeboot.api.json.Json;

import java.nio.charset.StandardCharsets;

/**
 * Upstream {@code controller.ComputeHash}: the {@code pod-template-hash} of a Deployment's template, FNV-32a of
 * {@code dump.ForHash(template)} followed, when the Deployment has a collisionCount, by that count as 8 bytes (uint32
 * little endian, then zeros), printed in decimal and passed through {@code rand.SafeEncodeString}. The result names
 * the ReplicaSet ({@code <deployment>-<hash>}) and labels it and its pods. Thread safe.
 */
final class PodTemplateHash {
    /** Upstream rand.alphanums: no vowels, so no words, and no look-alikes. */
    static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private static final int FNV32_OFFSET = 0x811c9dc5;
    private static final int FNV32_PRIME = 0x01000193;

    private final GoSpew spew;

    PodTemplateHash(GoSpew spew) {
        this.spew = spew;
    }

    /** With the 1.32 type table. */
    static PodTemplateHash v1_32() {
        return new PodTemplateHash(new GoSpew(GoTypes.v1_32()));
    }

    String compute(PodTemplateSpec template, Integer collisionCount) {
        return encode(sum32(dump(template), collisionCount));
    }

    /** The go-spew rendering the hash is taken of. */
    String dump(PodTemplateSpec template) {
        JsonNode node = Json.MAPPER.valueToTree(template);
        return spew.dump("core.PodTemplateSpec", node);
    }

    static int sum32(String dump, Integer collisionCount) {
        int h = fnv(FNV32_OFFSET, dump.getBytes(StandardCharsets.UTF_8));
        if (collisionCount != null) {
            int c = collisionCount;
            byte[] le = {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), 0, 0, 0, 0};
            h = fnv(h, le);
        }
        return h;
    }

    private static int fnv(int h, byte[] data) {
        for (byte b : data) {
            h ^= b & 0xff;
            h *= FNV32_PRIME;
        }
        return h;
    }

    /** fmt.Sprint(uint32) then rand.SafeEncodeString. */
    static String encode(int sum32) {
        return safeEncodeString(Integer.toUnsignedString(sum32));
    }

    /** Upstream rand.SafeEncodeString: each character mapped to alphanums[c % 27]. */
    static String safeEncodeString(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(ALPHANUMS.charAt(s.charAt(i) % ALPHANUMS.length()));
        }
        return b.toString();
    }
}
