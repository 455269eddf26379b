package io.kubeboot.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.schema.ModelSchema;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI v3 documents kube-apiserver serves under {@code /openapi/v3}, generated once at
 * start-up from {@link BuiltinResources} and the fabric8 model classes: one document per served
 * group version plus the discovery index that points at them.
 *
 * <p>kubectl 1.32 needs them for {@code apply|create|replace -f} with the default
 * {@code --validate=strict} (it checks that PATCH operations accept {@code fieldValidation}), for
 * strategic-merge-patch metadata in {@code apply}, and for {@code explain}.
 *
 * <p>Keys are group-version paths as in the index: {@code api/v1}, {@code apis/apps/v1}. The hash
 * is the upper-case hex SHA-512 of the document bytes, as kube-openapi computes it; serve it as the
 * ETag and in the index's {@code ?hash=} so clients can cache documents immutably.
 *
 * <p>Immutable after construction; thread safe. Returned arrays are copies.
 */
@Component
public class OpenApiV3Documents {
    private final Map<String, byte[]> documents;
    private final Map<String, String> hashes;
    private final byte[] index;

    public OpenApiV3Documents() {
        this(BuiltinResources.get(), ModelSchema.get(), PatchHints.BUILTIN);
    }

    OpenApiV3Documents(BuiltinResources resources, ModelSchema model, PatchHints patchHints) {
        UpstreamTypes upstream = new UpstreamTypes();
        SchemaBuilder schemaBuilder = new SchemaBuilder(model, new SchemaNames(upstream), upstream, patchHints);

        Map<String, List<ResourceInfo>> byGroupVersion = new LinkedHashMap<>();
        for (ResourceInfo resource : resources.all()) {
            byGroupVersion.computeIfAbsent(path(resource), k -> new ArrayList<>()).add(resource);
        }
        List<Gvk> served = byGroupVersion.values().stream()
                .map(list -> new Gvk(list.get(0).group(), list.get(0).version(), ""))
                .toList();

        Map<String, byte[]> docs = new LinkedHashMap<>();
        Map<String, String> docHashes = new LinkedHashMap<>();
        byGroupVersion.forEach((path, list) -> {
            byte[] bytes = Json.bytes(new GroupVersionDocument(schemaBuilder).build(list, served));
            docs.put(path, bytes);
            docHashes.put(path, sha512(bytes));
        });
        this.documents = Collections.unmodifiableMap(docs);
        this.hashes = Collections.unmodifiableMap(docHashes);
        this.index = Json.bytes(indexNode());
    }

    /** {@code {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=<HASH>"},...}}}. */
    public byte[] index() {
        return index.clone();
    }

    /** The document of a group-version path such as "api/v1" or "apis/apps/v1". */
    public Optional<byte[]> document(String groupVersionPath) {
        byte[] doc = documents.get(groupVersionPath);
        return doc == null ? Optional.empty() : Optional.of(doc.clone());
    }

    /** The document's hash (upper-case hex SHA-512), or null for an unknown path. */
    public String hash(String groupVersionPath) {
        return hashes.get(groupVersionPath);
    }

    /** The group-version paths served, in discovery order. */
    public Set<String> groupVersionPaths() {
        return documents.keySet();
    }

    private ObjectNode indexNode() {
        ObjectNode paths = Json.object();
        hashes.forEach((path, hash) -> {
            ObjectNode entry = Json.object();
            entry.put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash);
            paths.set(path, entry);
        });
        ObjectNode root = Json.object();
        root.set("paths", paths);
        return root;
    }

    static String path(ResourceInfo resource) {
        return resource.group().isEmpty() ? "api/" + resource.version()
                : "apis/" + resource.group() + "/" + resource.version();
    }

    private static String sha512(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes))
                    .toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is a required JDK algorithm", e);
        }
    }
}
