package io.kubeboot.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.kubeboot.api.json.Json;

import java.io.IOException;

/**
 * Decodes a PATCH request body with the answers kube-apiserver gives for undecodable patches
 * ({@code endpoints/handlers/patch.go}), all 400 BadRequest:
 * <ul>
 *   <li>strategic merge patch: Go's decoding error, e.g. {@code invalid character 'x' looking for
 *       beginning of value} or {@code json: cannot unmarshal array into Go value of type
 *       map[string]interface {}};</li>
 *   <li>merge patch: {@code Invalid JSON Patch}, or with {@code fieldValidation=Strict|Warn}
 *       {@code error decoding patch: <Go error>};</li>
 *   <li>JSON patch: Go's decoding error ({@code json: cannot unmarshal object into Go value of type
 *       jsonpatch.Patch}), with Strict|Warn prefixed by {@code error decoding patch: }.</li>
 * </ul>
 * Stateless.
 */
public final class PatchDocuments {
    private PatchDocuments() {
    }

    /**
     * @param strictValidation true for {@code fieldValidation=Strict} or {@code Warn}, which makes
     *                         kube-apiserver decode the patch strictly first
     * @return the patch tree; JSON {@code null} comes back as a NullNode
     */
    public static JsonNode decode(PatchType type, byte[] body, boolean strictValidation) {
        String syntax = GoJsonSyntax.check(body);
        JsonNode tree = syntax == null ? parse(body) : null;
        return switch (type) {
            case STRATEGIC_MERGE_PATCH -> {
                if (syntax != null) {
                    throw PatchErrors.badRequest(syntax);
                }
                if (!tree.isObject() && !tree.isNull()) {
                    throw PatchErrors.badRequest(cannotUnmarshal(tree, "map[string]interface {}"));
                }
                yield tree;
            }
            case MERGE_PATCH -> {
                if (strictValidation) {
                    if (syntax != null) {
                        throw PatchErrors.badRequest("error decoding patch: " + syntax);
                    }
                    if (!tree.isObject() && !tree.isNull()) {
                        throw PatchErrors.badRequest("error decoding patch: "
                                + cannotUnmarshal(tree, "map[string]interface {}"));
                    }
                }
                if (syntax != null || tree.isNull() || !tree.isContainerNode()) {
                    throw PatchErrors.badRequest(PatchErrors.BAD_JSON_PATCH);
                }
                yield tree;
            }
            case JSON_PATCH -> {
                if (syntax != null) {
                    throw PatchErrors.badRequest(strictValidation ? "error decoding patch: " + syntax : syntax);
                }
                if (!tree.isArray() && !tree.isNull()) {
                    throw PatchErrors.badRequest(strictValidation
                            ? "error decoding patch: " + cannotUnmarshal(tree, "[]handlers.jsonPatchOp")
                            : cannotUnmarshal(tree, "jsonpatch.Patch"));
                }
                yield tree;
            }
        };
    }

    private static String cannotUnmarshal(JsonNode tree, String goType) {
        return "json: cannot unmarshal " + JsonPatch.jsonKind(tree) + " into Go value of type " + goType;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            return tree == null || tree.isMissingNode() ? NullNode.getInstance() : tree;
        } catch (IOException e) {
            // valid for Go but refused by our parser limits (nesting depth)
            throw PatchErrors.badRequest(e.getMessage());
        }
    }
}
