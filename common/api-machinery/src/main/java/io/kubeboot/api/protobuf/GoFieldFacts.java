package io.kubeboot.api.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the Go struct behind a generated.proto field looks like, as far as encoding/json cares:
 * whether the Go field is a pointer, whether its json tag lacks {@code omitempty}, whether it is
 * inlined ({@code json:",inline"}) and its JSON name when that differs from the proto name.
 *
 * <p>Needed because Go's protobuf marshaller writes every non-pointer field, zero or not, so
 * presence on the wire alone cannot tell an explicit {@code replicas: 0} (a pointer) from an unset
 * {@code terminationMessagePath} (a plain string). The facts come from the resource
 * {@code go-fields.txt}, derived from kubernetes/api v0.32 types.go; fields not listed have the
 * common shape: non-pointer, omitempty, not inline, JSON name equal to the proto name.
 *
 * <p>Immutable after construction; thread safe.
 */
final class GoFieldFacts {
    /** The Go facts of one field. */
    record Facts(boolean pointer, boolean always, boolean inline, String jsonName) {
        static final Facts COMMON = new Facts(false, false, false, null);
    }

    private static final String RESOURCE = "go-fields.txt";

    private final Map<String, Facts> byField;

    GoFieldFacts(Map<String, Facts> byField) {
        this.byField = Map.copyOf(byField);
    }

    /** Loads the facts shipped next to this class. */
    static GoFieldFacts load() {
        try (InputStream in = GoFieldFacts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GoFieldFacts parse(BufferedReader reader) throws IOException {
        Map<String, Facts> facts = new HashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            boolean pointer = false;
            boolean always = false;
            boolean inline = false;
            String jsonName = null;
            for (int i = 1; i < parts.length; i++) {
                String flag = parts[i];
                if (flag.equals("pointer")) {
                    pointer = true;
                } else if (flag.equals("always")) {
                    always = true;
                } else if (flag.equals("inline")) {
                    inline = true;
                } else if (flag.startsWith("json=")) {
                    jsonName = flag.substring("json=".length());
                } else {
                    throw new IllegalStateException("unknown flag '" + flag + "' in " + RESOURCE + ": " + line);
                }
            }
            facts.put(parts[0], new Facts(pointer, always, inline, jsonName));
        }
        return new GoFieldFacts(facts);
    }

    Facts of(FieldDescriptor field) {
        return byField.getOrDefault(field.getFullName(), Facts.COMMON);
    }

    /** The field keys this table knows, "package.Message.field"; for consistency checks. */
    java.util.Set<String> fields() {
        return byField.keySet();
    }

    String jsonName(FieldDescriptor field) {
        String name = of(field).jsonName();
        return name != null ? name : field.getName();
    }
}
