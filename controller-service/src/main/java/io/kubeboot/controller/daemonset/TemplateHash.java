package io.kubeboot.controller.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubeboot.api.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code controller-revision-hash} of a template (upstream {@code controller.ComputeHash}): FNV-1a 32 over the
 * template (here its canonical JSON, keys sorted, instead of Go's spew dump, so values differ from upstream's but
 * change exactly when the template does), then the collisionCount as 4 little-endian bytes when set, written in
 * decimal and mapped to the safe alphabet of {@code rand.SafeEncodeString}. Pure.
 */
public final class TemplateHash {
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private TemplateHash() {
    }

    public static String compute(PodTemplateSpec template, Integer collisionCount) {
        int h = 0x811c9dc5;
        JsonNode tree = Json.MAPPER.valueToTree(template);
        for (byte b : canonical(tree).getBytes(StandardCharsets.UTF_8)) {
            h = fnv(h, b);
        }
        if (collisionCount != null) {
            int c = collisionCount;
            for (int i = 0; i < 4; i++) {
                h = fnv(h, (byte) (c >>> (8 * i)));
            }
        }
        return safeEncode(Long.toString(Integer.toUnsignedLong(h)));
    }

    private static int fnv(int h, byte b) {
        return (h ^ (b & 0xff)) * 0x01000193;
    }

    /** Upstream {@code rand.SafeEncodeString}: each character mapped into an alphabet without vowels and lookalikes. */
    static String safeEncode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return b.toString();
    }

    /** Compact JSON with object keys sorted and null fields dropped. */
    static String canonical(JsonNode n) {
        if (n instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            StringBuilder b = new StringBuilder("{");
            for (String name : names) {
                JsonNode v = o.get(name);
                if (v.isNull()) {
                    continue;
                }
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(Json.MAPPER.valueToTree(name).toString()).append(':').append(canonical(v));
            }
            return b.append('}').toString();
        }
        if (n instanceof ArrayNode a) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(canonical(a.get(i)));
            }
            return b.append(']').toString();
        }
        return n.toString();
    }
}
