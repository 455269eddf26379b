package io.kubeboot.node.kubelet.volumes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubeboot.node.kubelet.env.FieldRefs;
import io.kubeboot.node.kubelet.env.KubeletEnvironmentResolver;
import io.kubeboot.node.kubelet.env.ResourceFieldRefs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file sets of the configMap, secret and downwardAPI volume plugins (upstream configmap.MakePayload,
 * secret.MakePayload, downwardapi.CollectData). Failures are {@link IllegalArgumentException}s with upstream's
 * message. Pure.
 */
final class Payloads {
    static final int DEFAULT_MODE = 0644;

    private Payloads() {
    }

    /** Upstream configmap.MakePayload; {@code configMap} may be an empty stand-in for a missing optional one. */
    static Map<String, FileProjection> configMap(List<KeyToPath> items, ConfigMap configMap, Integer defaultMode, boolean optional) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (configMap.getData() != null) {
            configMap.getData().forEach((k, v) -> data.put(k, (v == null ? "" : v).getBytes(StandardCharsets.UTF_8)));
        }
        if (configMap.getBinaryData() != null) {
            configMap.getBinaryData().forEach((k, v) -> data.putIfAbsent(k, base64(v)));
        }
        return project(items, data, mode(defaultMode), optional, "configmap references non-existent config key: ");
    }

    /** Upstream secret.MakePayload. */
    static Map<String, FileProjection> secret(List<KeyToPath> items, Secret secret, Integer defaultMode, boolean optional) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, KubeletEnvironmentResolver.decodeBytes(v)));
        }
        return project(items, data, mode(defaultMode), optional, "references non-existent secret key: ");
    }

    private static Map<String, FileProjection> project(List<KeyToPath> items, Map<String, byte[]> data, int defaultMode,
                                                      boolean optional, String missingKeyMessage) {
        Map<String, FileProjection> payload = new LinkedHashMap<>();
        if (items == null || items.isEmpty()) {
            data.forEach((k, v) -> payload.put(k, new FileProjection(v, defaultMode)));
            return payload;
        }
        for (KeyToPath ktp : items) {
            byte[] value = data.get(ktp.getKey());
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw new IllegalArgumentException(missingKeyMessage + ktp.getKey());
            }
            payload.put(ktp.getPath(), new FileProjection(value, ktp.getMode() != null ? ktp.getMode() : defaultMode));
        }
        return payload;
    }

    /**
     * Upstream downwardapi.CollectData: fieldRef (metadata fields) and resourceFieldRef (with the node's allocatable
     * as the default of unset limits). All items are tried; the errors are aggregated as upstream does.
     */
    static Map<String, FileProjection> downwardApi(List<DownwardAPIVolumeFile> items, Pod pod, Integer defaultMode,
                                                  Map<String, Quantity> nodeAllocatable) {
        Map<String, FileProjection> data = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (DownwardAPIVolumeFile item : items == null ? List.<DownwardAPIVolumeFile>of() : items) {
            int mode = item.getMode() != null ? item.getMode() : mode(defaultMode);
            byte[] value = new byte[0];
            try {
                if (item.getFieldRef() != null) {
                    value = FieldRefs.volumeValue(item.getFieldRef(), pod).getBytes(StandardCharsets.UTF_8);
                } else if (item.getResourceFieldRef() != null) {
                    Container self = new Container();
                    self.setName("");
                    value = ResourceFieldRefs.value(item.getResourceFieldRef(), pod, self, nodeAllocatable)
                            .getBytes(StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
            data.put(AtomicWriter.cleanPath(item.getPath()), new FileProjection(value, mode));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(aggregate(errors));
        }
        return data;
    }

    /** utilerrors.NewAggregate's message: one error as is, several as {@code [a, b]}. */
    static String aggregate(List<String> errors) {
        return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    }

    static int mode(Integer defaultMode) {
        return defaultMode == null ? DEFAULT_MODE : defaultMode;
    }

    private static byte[] base64(String v) {
        try {
            return v == null ? new byte[0] : Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            return v.getBytes(StandardCharsets.UTF_8);
        }
    }
}
