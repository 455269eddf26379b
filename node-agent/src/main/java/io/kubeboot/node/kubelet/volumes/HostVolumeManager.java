package io.kubeboot.node.kubelet.volumes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.kubeboot.node.kubelet.KubeletException;
import io.kubeboot.node.kubelet.env.Expansion;
import io.kubeboot.node.kubelet.env.ObjectLookup;
import io.kubeboot.node.runtime.ContainerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@link VolumeManager} on the host file system, with upstream's folder layout
 * {@code <rootDir>/pods/<uid>/volumes/kubernetes.io~<plugin>/<volume>}.
 *
 * <ul>
 *   <li>emptyDir: a folder (mode 0777). {@code sizeLimit} is not enforced, and {@code medium: Memory} is a plain
 *       folder on disk too (no tmpfs).</li>
 *   <li>hostPath: the path itself, after upstream's type check ({@code DirectoryOrCreate} / {@code FileOrCreate}
 *       create).</li>
 *   <li>configMap, secret, downwardAPI, projected: files written with upstream's {@link AtomicWriter} scheme and
 *       refreshed on every {@link #setUpPod} (unchanged content is not rewritten); items, modes, defaultMode (0644)
 *       and optional as upstream. Secrets are on disk, not on tmpfs as upstream.</li>
 *   <li>projected serviceAccountToken and clusterTrustBundle sources are skipped: the apiserver has no TokenRequest
 *       (and no ClusterTrustBundle signer) yet, so no token file is written.</li>
 *   <li>Other volume types (persistentVolumeClaim, nfs, ...) fail with FailedMount.</li>
 * </ul>
 *
 * <p>Mounts: configMap, secret, downwardAPI and projected volumes are always read-only, as upstream. subPath and
 * subPathExpr (expanded with the container's environment) must stay inside the volume; a missing subPath folder is
 * created with the volume's mode. Upstream's bind-mounted "safe subpath" is replaced by a real-path containment check.
 *
 * <p>Thread safety: safe for concurrent use for different pods.
 */
public class HostVolumeManager implements VolumeManager {
    private static final Logger log = LoggerFactory.getLogger(HostVolumeManager.class);
    static final String FAILED_MOUNT = "FailedMount";
    static final String CONFIG_ERROR = "CreateContainerConfigError";

    private final Path rootDir;
    private final ObjectLookup lookup;
    private final String nodeName;

    /**
     * @param rootDir  the kubelet's root folder (upstream /var/lib/kubelet); pods' volumes go below {@code pods/}
     * @param lookup   ConfigMaps, Secrets and this Node (its allocatable for downwardAPI resourceFieldRef)
     * @param nodeName this node's name
     */
    public HostVolumeManager(Path rootDir, ObjectLookup lookup, String nodeName) {
        this.rootDir = rootDir;
        this.lookup = lookup;
        this.nodeName = nodeName;
    }

    /** The folder of one volume of a pod. */
    public Path volumeDir(String podUid, String plugin, String volumeName) {
        return podDir(podUid).resolve("volumes").resolve("kubernetes.io~" + plugin).resolve(volumeName);
    }

    private Path podDir(String podUid) {
        return rootDir.resolve("pods").resolve(podUid);
    }

    @Override
    public void setUpPod(Pod pod) {
        KubeletException first = null;
        for (Volume volume : list(pod.getSpec().getVolumes())) {
            try {
                setUp(pod, volume);
            } catch (KubeletException e) {
                log.warn("MountVolume.SetUp failed for pod {}/{}: {}", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), e.getMessage());
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void setUp(Pod pod, Volume volume) {
        try {
            String uid = pod.getMetadata().getUid();
            String name = volume.getName();
            if (volume.getEmptyDir() != null) {
                Path dir = volumeDir(uid, "empty-dir", name);
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                }
            } else if (volume.getHostPath() != null) {
                HostPathTypes.check(volume.getHostPath().getPath(), volume.getHostPath().getType());
            } else if (volume.getConfigMap() != null) {
                ConfigMapVolumeSource src = volume.getConfigMap();
                boolean optional = Boolean.TRUE.equals(src.getOptional());
                ConfigMap cm = configMap(pod, src.getName(), optional);
                write(volumeDir(uid, "configmap", name), Payloads.configMap(src.getItems(), cm, src.getDefaultMode(), optional));
            } else if (volume.getSecret() != null) {
                SecretVolumeSource src = volume.getSecret();
                boolean optional = Boolean.TRUE.equals(src.getOptional());
                Secret secret = secret(pod, src.getSecretName(), optional);
                write(volumeDir(uid, "secret", name), Payloads.secret(src.getItems(), secret, src.getDefaultMode(), optional));
            } else if (volume.getDownwardAPI() != null) {
                write(volumeDir(uid, "downward-api", name), Payloads.downwardApi(volume.getDownwardAPI().getItems(), pod,
                        volume.getDownwardAPI().getDefaultMode(), allocatable()));
            } else if (volume.getProjected() != null) {
                write(volumeDir(uid, "projected", name), projected(pod, volume.getProjected()));
            } else {
                throw new IllegalArgumentException("volume type is not supported by this kubelet");
            }
        } catch (IllegalArgumentException e) {
            throw failedMount(volume.getName(), e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw failedMount(volume.getName(), e.getMessage(), e);
        } catch (KubeletException e) {
            throw e.reason().equals(FAILED_MOUNT) ? e : failedMount(volume.getName(), e.getMessage(), e);
        }
    }

    /** Upstream projected collectData: every source tried, errors aggregated. */
    private Map<String, FileProjection> projected(Pod pod, ProjectedVolumeSource src) {
        Map<String, FileProjection> payload = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (VolumeProjection source : list(src.getSources())) {
            try {
                if (source.getSecret() != null) {
                    SecretProjection s = source.getSecret();
                    boolean optional = Boolean.TRUE.equals(s.getOptional());
                    payload.putAll(Payloads.secret(s.getItems(), secret(pod, s.getName(), optional), src.getDefaultMode(), optional));
                } else if (source.getConfigMap() != null) {
                    ConfigMapProjection c = source.getConfigMap();
                    boolean optional = Boolean.TRUE.equals(c.getOptional());
                    payload.putAll(Payloads.configMap(c.getItems(), configMap(pod, c.getName(), optional), src.getDefaultMode(), optional));
                } else if (source.getDownwardAPI() != null) {
                    payload.putAll(Payloads.downwardApi(source.getDownwardAPI().getItems(), pod, src.getDefaultMode(), allocatable()));
                }
                // serviceAccountToken and clusterTrustBundle: no TokenRequest / trust bundles yet, nothing written
            } catch (IllegalArgumentException | KubeletException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(Payloads.aggregate(errors));
        }
        return payload;
    }

    private ConfigMap configMap(Pod pod, String name, boolean optional) {
        String ns = pod.getMetadata().getNamespace();
        Optional<ConfigMap> cm = fetch(() -> lookup.configMap(ns, name));
        if (cm.isPresent()) {
            return cm.get();
        }
        if (!optional) {
            throw new IllegalArgumentException("configmap \"" + name + "\" not found");
        }
        return new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata().build();
    }

    private Secret secret(Pod pod, String name, boolean optional) {
        String ns = pod.getMetadata().getNamespace();
        Optional<Secret> s = fetch(() -> lookup.secret(ns, name));
        if (s.isPresent()) {
            return s.get();
        }
        if (!optional) {
            throw new IllegalArgumentException("secret \"" + name + "\" not found");
        }
        return new SecretBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata().build();
    }

    private Map<String, Quantity> allocatable() {
        Optional<Node> node = fetch(() -> lookup.node(nodeName));
        if (node.isEmpty() || node.get().getStatus() == null || node.get().getStatus().getAllocatable() == null) {
            return Map.of();
        }
        return node.get().getStatus().getAllocatable();
    }

    private static <T> T fetch(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private static void write(Path dir, Map<String, FileProjection> payload) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        new AtomicWriter(dir).write(payload);
    }

    private static KubeletException failedMount(String volume, String message, Throwable cause) {
        return new KubeletException(FAILED_MOUNT, "MountVolume.SetUp failed for volume \"" + volume + "\" : " + message, cause);
    }

    /**
     * Upstream makeMounts for the container's volumeMounts, with {@code env} (its resolved environment,
     * {@code NAME=value}) for subPathExpr. Errors are {@link KubeletException}s with reason
     * {@code CreateContainerConfigError} and upstream's messages.
     */
    @Override
    public List<ContainerSpec.Mount> mountsFor(Pod pod, Container container, List<String> env) {
        Map<String, Volume> volumes = new LinkedHashMap<>();
        for (Volume v : list(pod.getSpec().getVolumes())) {
            volumes.put(v.getName(), v);
        }
        List<ContainerSpec.Mount> mounts = new ArrayList<>();
        for (VolumeMount mount : list(container.getVolumeMounts())) {
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                throw new KubeletException(CONFIG_ERROR,
                        "cannot find volume \"" + mount.getName() + "\" to mount into container \"" + container.getName() + "\"");
            }
            String hostPath = hostPathOf(pod.getMetadata().getUid(), volume);
            String subPath = mount.getSubPath() == null ? "" : mount.getSubPath();
            if (mount.getSubPathExpr() != null && !mount.getSubPathExpr().isEmpty()) {
                subPath = expandSubPathExpr(mount.getSubPathExpr(), env);
            }
            if (!subPath.isEmpty()) {
                hostPath = subPathOnHost(container, mount, hostPath, subPath);
            }
            String containerPath = mount.getMountPath().startsWith("/") ? mount.getMountPath() : "/" + mount.getMountPath();
            boolean mustBeReadOnly = volume.getConfigMap() != null || volume.getSecret() != null
                    || volume.getDownwardAPI() != null || volume.getProjected() != null;
            mounts.add(new ContainerSpec.Mount(hostPath, containerPath, Boolean.TRUE.equals(mount.getReadOnly()) || mustBeReadOnly));
        }
        return mounts;
    }

    private String hostPathOf(String uid, Volume volume) {
        if (volume.getHostPath() != null) {
            return volume.getHostPath().getPath();
        }
        String plugin;
        if (volume.getEmptyDir() != null) {
            plugin = "empty-dir";
        } else if (volume.getConfigMap() != null) {
            plugin = "configmap";
        } else if (volume.getSecret() != null) {
            plugin = "secret";
        } else if (volume.getDownwardAPI() != null) {
            plugin = "downward-api";
        } else if (volume.getProjected() != null) {
            plugin = "projected";
        } else {
            throw new KubeletException(CONFIG_ERROR, "cannot find volume \"" + volume.getName() + "\" to mount: volume type is not supported");
        }
        return volumeDir(uid, plugin, volume.getName()).toString();
    }

    /** Upstream ExpandContainerVolumeMounts: every referenced variable must have a non-empty value. */
    static String expandSubPathExpr(String expr, List<String> env) {
        Map<String, String> vars = Expansion.envMap(env);
        TreeSet<String> missing = new TreeSet<>();
        String expanded = Expansion.expand(expr, key -> {
            String value = vars.get(key);
            if (value == null || value.isEmpty()) {
                missing.add(key);
                return "";
            }
            return value;
        });
        if (!missing.isEmpty()) {
            throw new KubeletException(CONFIG_ERROR, "missing value for " + String.join(", ", missing));
        }
        return expanded;
    }

    private static String subPathOnHost(Container container, VolumeMount mount, String volumePath, String subPath) {
        if (subPath.startsWith("/")) {
            throw new KubeletException(CONFIG_ERROR, "error SubPath `" + subPath + "` must not be an absolute path");
        }
        for (String part : subPath.split("/")) {
            if (part.equals("..")) {
                throw new KubeletException(CONFIG_ERROR, "unable to provision SubPath `" + subPath + "`: must not contain '..'");
            }
        }
        Path volume = Path.of(volumePath);
        Path full = volume.resolve(subPath);
        try {
            if (!Files.exists(full)) {
                Files.createDirectories(full);
                if (Files.isDirectory(volume)) {
                    Files.setPosixFilePermissions(full, Files.getPosixFilePermissions(volume));
                }
            }
            // symlinks inside the volume must not lead out of it (upstream's safe subpath)
            Path realVolume = volume.toRealPath();
            if (!full.toRealPath().startsWith(realVolume)) {
                throw new KubeletException(CONFIG_ERROR, "subpath \"" + full + "\" not within volume path \"" + volume + "\"");
            }
        } catch (IOException e) {
            log.warn("Failed to create subPath directory for volumeMount {} of container {}: {}", mount.getName(),
                    container.getName(), e.toString());
            throw new KubeletException(CONFIG_ERROR, "failed to create subPath directory for volumeMount \""
                    + mount.getName() + "\" of container \"" + container.getName() + "\"", e);
        }
        return full.toString();
    }

    @Override
    public void tearDownPod(String podUid) {
        if (podUid == null || podUid.isEmpty() || podUid.contains("/") || podUid.equals("..") || podUid.equals(".")) {
            return;
        }
        try {
            // hostPath volumes are never below the pod folder, and links are removed without being followed
            AtomicWriter.deleteRecursively(podDir(podUid));
        } catch (IOException e) {
            log.warn("Failed to remove the volumes of pod {}: {}", podUid, e.toString());
        }
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
