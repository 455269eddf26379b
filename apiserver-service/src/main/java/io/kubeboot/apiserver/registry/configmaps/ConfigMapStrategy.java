package io.kubeboot.apiserver.registry.configmaps;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.stereotype.Component;

import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * ConfigMaps, as upstream's {@code ValidateConfigMap} / {@code ValidateConfigMapUpdate}: config keys,
 * no key in both data and binaryData, 1 MiB in total, and {@code immutable} freezing the content.
 */
@Component
public class ConfigMapStrategy implements Strategy<ConfigMap> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("", "v1", "configmaps").orElseThrow();
    /** Upstream's {@code core.MaxSecretSize}, shared by ConfigMaps and Secrets. */
    public static final int MAX_SIZE = 1024 * 1024;

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<ConfigMap> type() {
        return ConfigMap.class;
    }

    @Override
    public FieldErrors validate(ConfigMap cm) {
        FieldErrors errs = new FieldErrors();
        long total = 0;
        Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
        Map<String, String> binary = cm.getBinaryData() == null ? Map.of() : cm.getBinaryData();
        for (Map.Entry<String, String> e : data.entrySet()) {
            FieldPath p = FieldPath.of("data").key(e.getKey());
            errs.addAll(FieldValidators.invalidEach(Dns.isConfigMapKey(e.getKey()), p, e.getKey()));
            if (binary.containsKey(e.getKey())) {
                errs.invalid(p, e.getKey(), "duplicate of key present in binaryData");
            }
            total += Dns.byteLength(e.getValue() == null ? "" : e.getValue());
        }
        for (Map.Entry<String, String> e : binary.entrySet()) {
            FieldPath p = FieldPath.of("binaryData").key(e.getKey());
            errs.addAll(FieldValidators.invalidEach(Dns.isConfigMapKey(e.getKey()), p, e.getKey()));
            total += decodedLength(e.getValue());
        }
        if (total > MAX_SIZE) {
            // upstream reports the whole object: an empty field path
            errs.tooLong(FieldPath.of(""), "", MAX_SIZE);
        }
        return errs;
    }

    @Override
    public FieldErrors validateUpdate(ConfigMap cm, ConfigMap old) {
        FieldErrors errs = new FieldErrors();
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(cm.getImmutable())) {
                errs.forbidden(FieldPath.of("immutable"), "field is immutable when `immutable` is set");
            }
            if (!Objects.equals(nm(cm.getData()), nm(old.getData()))) {
                errs.forbidden(FieldPath.of("data"), "field is immutable when `immutable` is set");
            }
            if (!Objects.equals(nm(cm.getBinaryData()), nm(old.getBinaryData()))) {
                errs.forbidden(FieldPath.of("binaryData"), "field is immutable when `immutable` is set");
            }
        }
        return errs.addAll(validate(cm));
    }

    private static long decodedLength(String base64) {
        if (base64 == null) {
            return 0;
        }
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return base64.length();
        }
    }

    private static Map<String, String> nm(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
