package io.kubeboot.apiserver.http;

import io.kubeboot.api.errors.ApiErrors;
import org.springframework.util.MultiValueMap;

/** Typed access to query parameters with upstream's parsing rules (booleans: absent, "0", "false" are false). */
public record Query(MultiValueMap<String, String> params) {

    public String get(String name) {
        String v = params.getFirst(name);
        return v == null ? "" : v;
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    public boolean bool(String name) {
        String v = params.getFirst(name);
        return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    public Long optionalLong(String name) {
        String v = params.getFirst(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiErrors.badRequest("invalid value for " + name + ": " + v);
        }
    }
}
