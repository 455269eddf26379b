package io.kubeboot.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Conversions between JSON trees and fabric8 model objects, with the Kubernetes forms of IntOrString,
 * Quantity, MicroTime and Duration (see {@link Fabric8TypesModule}). Thread safe.
 */
public final class Models {
    private Models() {
    }

    /**
     * The model object for a tree.
     *
     * @throws IllegalArgumentException when the tree does not fit the model (a string where a number belongs, ...)
     */
    public static <T> T toModel(JsonNode tree, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            int nl = m == null ? -1 : m.indexOf('\n');
            throw new IllegalArgumentException(nl > 0 ? m.substring(0, nl) : m, e);
        }
    }

    public static ObjectNode toTree(Object model) {
        return Json.MAPPER.valueToTree(model);
    }
}
