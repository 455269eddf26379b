package io.kubeboot.apiserver.registry.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.ObjectMetaValidation;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Secrets, as upstream's {@code ValidateSecret} / {@code ValidateSecretUpdate} and the v1 conversion
 * that folds {@code stringData} into {@code data}. In the fabric8 model {@code data} values are the
 * base64 text of the JSON body; they are decoded here to check them and measure the 1 MiB limit.
 */
@Component
public class SecretStrategy implements Strategy<Secret> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("", "v1", "secrets").orElseThrow();
    public static final int MAX_SECRET_SIZE = 1024 * 1024;
    static final String REDACTED = "<secret contents redacted>";

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<Secret> type() {
        return Secret.class;
    }

    /** {@code SetDefaults_Secret} (type Opaque) and the stringData merge of the v1 conversion. */
    @Override
    public void applyDefaults(Secret secret) {
        if (secret.getType() == null || secret.getType().isEmpty()) {
            secret.setType("Opaque");
        }
        if (secret.getStringData() != null && !secret.getStringData().isEmpty()) {
            Map<String, String> data = secret.getData() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(secret.getData());
            secret.getStringData().forEach((k, v) ->
                    data.put(k, Base64.getEncoder().encodeToString((v == null ? "" : v).getBytes(StandardCharsets.UTF_8))));
            secret.setData(data);
        }
        secret.setStringData(null);
    }

    @Override
    public FieldErrors validate(Secret secret) {
        FieldErrors errs = new FieldErrors();
        FieldPath dataPath = FieldPath.of("data");
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, String> e : data.entrySet()) {
            errs.addAll(FieldValidators.invalidEach(Dns.isConfigMapKey(e.getKey()),
                    dataPath.key(e.getKey()), e.getKey()));
            String text = e.getValue() == null ? "" : e.getValue();
            try {
                byte[] bytes = Base64.getDecoder().decode(text);
                decoded.put(e.getKey(), bytes);
                total += bytes.length;
            } catch (IllegalArgumentException ex) {
                errs.invalid(dataPath.key(e.getKey()), FieldError.OMIT,
                        "illegal base64 data at input byte " + firstIllegalBase64(text));
            }
        }
        if (total > MAX_SECRET_SIZE) {
            errs.tooLong(dataPath, "", MAX_SECRET_SIZE);
        }
        Map<String, String> annotations = secret.getMetadata() == null || secret.getMetadata().getAnnotations() == null
                ? Map.of() : secret.getMetadata().getAnnotations();
        String type = secret.getType() == null ? "" : secret.getType();
        switch (type) {
            case "kubernetes.io/service-account-token" -> {
                String sa = annotations.get("kubernetes.io/service-account.name");
                if (sa == null || sa.isEmpty()) {
                    errs.required(FieldPath.of("metadata", "annotations").key("kubernetes.io/service-account.name"), "");
                }
            }
            case "kubernetes.io/dockercfg" -> errs.addAll(jsonKey(data, decoded, ".dockercfg", dataPath));
            case "kubernetes.io/dockerconfigjson" -> errs.addAll(jsonKey(data, decoded, ".dockerconfigjson", dataPath));
            case "kubernetes.io/basic-auth" -> {
                if (!data.containsKey("username") && !data.containsKey("password")) {
                    errs.required(dataPath.key("username"), "");
                    errs.required(dataPath.key("password"), "");
                }
            }
            case "kubernetes.io/ssh-auth" -> {
                byte[] key = decoded.get("ssh-privatekey");
                if (key == null || key.length == 0) {
                    errs.required(dataPath.key("ssh-privatekey"), "");
                }
            }
            case "kubernetes.io/tls" -> {
                if (!data.containsKey("tls.crt")) {
                    errs.required(dataPath.key("tls.crt"), "");
                }
                if (!data.containsKey("tls.key")) {
                    errs.required(dataPath.key("tls.key"), "");
                }
            }
            default -> {
            }
        }
        return errs;
    }

    @Override
    public FieldErrors validateUpdate(Secret secret, Secret old) {
        FieldErrors errs = ObjectMetaValidation.validateImmutableField(nz(secret.getType()), nz(old.getType()), FieldPath.of("type"));
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(secret.getImmutable())) {
                errs.forbidden(FieldPath.of("immutable"), "field is immutable when `immutable` is set");
            }
            Map<String, String> a = secret.getData() == null ? Map.of() : secret.getData();
            Map<String, String> b = old.getData() == null ? Map.of() : old.getData();
            if (!Objects.equals(a, b)) {
                errs.forbidden(FieldPath.of("data"), "field is immutable when `immutable` is set");
            }
        }
        return errs.addAll(validate(secret));
    }

    private static FieldErrors jsonKey(Map<String, String> data, Map<String, byte[]> decoded, String key, FieldPath dataPath) {
        FieldErrors errs = new FieldErrors();
        if (!data.containsKey(key)) {
            return errs.required(dataPath.key(key), "");
        }
        byte[] bytes = decoded.get(key);
        if (bytes == null) {
            return errs;
        }
        try {
            if (!Json.MAPPER.readTree(bytes).isObject()) {
                errs.invalid(dataPath.key(key), REDACTED, "json: cannot unmarshal into Go value of type map[string]interface {}");
            }
        } catch (IOException e) {
            errs.invalid(dataPath.key(key), REDACTED, bytes.length == 0 ? "unexpected end of JSON input" : "invalid JSON");
        }
        return errs;
    }

    private static int firstIllegalBase64(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return i;
            }
        }
        return s.length();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
