package io.kubeboot.api.patch;

import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;

/**
 * The Status errors kube-apiserver's PATCH handler ({@code endpoints/handlers/patch.go}) answers
 * for bad patches, and the texts of apimachinery's {@code mergepatch} errors.
 */
public final class PatchErrors {
    /** Message of NewGenericServerResponse(422, ...): the patch engine's own text is not returned. */
    public static final String UNPROCESSABLE_MESSAGE = "the server rejected our request due to an error in our request";

    static final String BAD_JSON_DOC = "invalid JSON document";
    static final String NO_LIST_OF_LISTS = "lists of lists are not supported";
    static final String BAD_PRIMITIVE_LIST = "invalid patch format of primitive list";
    static final String BAD_RETAIN_KEYS = "invalid patch format of retainKeys";
    static final String BAD_SET_ELEMENT_ORDER = "invalid patch format of setElementOrder list";
    /** evanphx/json-patch's ErrBadJSONPatch, returned for an undecodable merge patch. */
    static final String BAD_JSON_PATCH = "Invalid JSON Patch";

    private PatchErrors() {
    }

    /** 400 BadRequest with the given text. */
    public static StatusException badRequest(String message) {
        return ApiErrors.badRequest(message);
    }

    /**
     * 422 Invalid as {@code NewGenericServerResponse(422, "", {}, "", msg, 0, false)} builds it: a
     * fixed message and empty details. kube-apiserver answers this for a JSON patch that fails to
     * apply (failed {@code test}, missing path) and for an SMP with lists of lists.
     */
    public static StatusException unprocessable() {
        return new StatusException(422, "Invalid", UNPROCESSABLE_MESSAGE,
                new StatusException.Details(null, null, null, null, null));
    }

    /**
     * What kube-apiserver answers for a patch error that is not a Status (an unknown {@code $patch}
     * directive, a list item without its merge key, ...): 500 with an empty reason
     * (StatusReasonUnknown) and the error text as message, as {@code ErrorToAPIStatus} renders it.
     */
    public static StatusException unknown(String message) {
        return new StatusException(500, "", message, null);
    }

    /** Maps an SMP engine error the way {@code interpretStrategicMergePatchError} does. */
    static StatusException strategic(String message) {
        return switch (message) {
            case BAD_JSON_DOC, BAD_PRIMITIVE_LIST, BAD_RETAIN_KEYS, BAD_SET_ELEMENT_ORDER,
                    "strategic merge patch format is not supported" -> badRequest(message);
            case NO_LIST_OF_LISTS, "patch content doesn't match retainKeys list" -> unprocessable();
            default -> unknown(message);
        };
    }
}
