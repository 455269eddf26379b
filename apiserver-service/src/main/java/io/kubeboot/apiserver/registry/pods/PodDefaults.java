package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The v1 defaulting of pods and pod templates: upstream's {@code SetDefaults_PodSpec},
 * {@code SetDefaults_Container}, {@code SetDefaults_Probe}, the volume-source defaults and the
 * generated field defaults ({@code containerPort.protocol}, {@code fieldRef.apiVersion}), plus the
 * v1 conversion that mirrors {@code serviceAccountName} into the deprecated {@code serviceAccount}.
 *
 * <p>Every method is idempotent and mutates only the object it is given. Shared with the workload
 * strategies (Deployments, ReplicaSets, DaemonSets, Jobs) through {@link #applyPodTemplateDefaults}.
 */
public final class PodDefaults {
    private PodDefaults() {
    }

    public static final long DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
    public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";
    public static final String TERMINATION_MESSAGE_PATH_DEFAULT = "/dev/termination-log";
    /** 0644, the default file mode of secret, configMap, downwardAPI and projected volumes. */
    public static final int DEFAULT_VOLUME_MODE = 0644;
    public static final long DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

    /** Defaults of a template's pod spec (template metadata has none). */
    public static void applyPodTemplateDefaults(PodTemplateSpec template) {
        if (template == null) {
            return;
        }
        if (template.getSpec() == null) {
            template.setSpec(new PodSpec());
        }
        applyPodSpecDefaults(template.getSpec());
    }

    /** {@code SetDefaults_PodSpec} and the defaults of everything nested in a pod spec. */
    public static void applyPodSpecDefaults(PodSpec spec) {
        if (spec == null) {
            return;
        }
        if (isEmpty(spec.getDnsPolicy())) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (isEmpty(spec.getRestartPolicy())) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
        }
        if (isEmpty(spec.getSchedulerName())) {
            spec.setSchedulerName(DEFAULT_SCHEDULER_NAME);
        }
        // v1 conversion: the deprecated serviceAccount is read when serviceAccountName is empty and
        // always written back as a copy of serviceAccountName.
        if (isEmpty(spec.getServiceAccountName()) && !isEmpty(spec.getServiceAccount())) {
            spec.setServiceAccountName(spec.getServiceAccount());
        }
        spec.setServiceAccount(isEmpty(spec.getServiceAccountName()) ? null : spec.getServiceAccountName());

        for (Container c : nn(spec.getContainers())) {
            applyContainerDefaults(c);
        }
        for (Container c : nn(spec.getInitContainers())) {
            applyContainerDefaults(c);
        }
        for (EphemeralContainer c : nn(spec.getEphemeralContainers())) {
            applyEphemeralContainerDefaults(c);
        }
        for (Volume v : nn(spec.getVolumes())) {
            applyVolumeDefaults(v);
        }
    }

    /**
     * {@code SetDefaults_Pod}: what only a Pod gets, not a template: requests default to limits,
     * {@code enableServiceLinks: true}, host ports follow container ports on the host network. Also
     * applies {@link #applyPodSpecDefaults}.
     */
    public static void applyPodDefaults(Pod pod) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            spec = new PodSpec();
            pod.setSpec(spec);
        }
        for (Container c : nn(spec.getContainers())) {
            defaultRequestsToLimits(c);
        }
        for (Container c : nn(spec.getInitContainers())) {
            defaultRequestsToLimits(c);
        }
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(true);
        }
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            defaultHostNetworkPorts(spec.getContainers());
            defaultHostNetworkPorts(spec.getInitContainers());
        }
        applyPodSpecDefaults(spec);
    }

    /** {@code SetDefaults_Container} plus the generated defaults of ports, env and probes. */
    public static void applyContainerDefaults(Container c) {
        if (isEmpty(c.getImagePullPolicy())) {
            c.setImagePullPolicy("latest".equals(ImageNames.tag(c.getImage())) ? "Always" : "IfNotPresent");
        }
        if (isEmpty(c.getTerminationMessagePath())) {
            c.setTerminationMessagePath(TERMINATION_MESSAGE_PATH_DEFAULT);
        }
        if (isEmpty(c.getTerminationMessagePolicy())) {
            c.setTerminationMessagePolicy("File");
        }
        for (ContainerPort p : nn(c.getPorts())) {
            if (isEmpty(p.getProtocol())) {
                p.setProtocol("TCP");
            }
        }
        for (EnvVar e : nn(c.getEnv())) {
            if (e.getValueFrom() != null) {
                defaultFieldRef(e.getValueFrom().getFieldRef());
            }
        }
        applyProbeDefaults(c.getLivenessProbe());
        applyProbeDefaults(c.getReadinessProbe());
        applyProbeDefaults(c.getStartupProbe());
        applyLifecycleDefaults(c.getLifecycle());
    }

    private static void applyEphemeralContainerDefaults(EphemeralContainer c) {
        if (isEmpty(c.getImagePullPolicy())) {
            c.setImagePullPolicy("latest".equals(ImageNames.tag(c.getImage())) ? "Always" : "IfNotPresent");
        }
        if (isEmpty(c.getTerminationMessagePath())) {
            c.setTerminationMessagePath(TERMINATION_MESSAGE_PATH_DEFAULT);
        }
        if (isEmpty(c.getTerminationMessagePolicy())) {
            c.setTerminationMessagePolicy("File");
        }
        for (ContainerPort p : nn(c.getPorts())) {
            if (isEmpty(p.getProtocol())) {
                p.setProtocol("TCP");
            }
        }
        for (EnvVar e : nn(c.getEnv())) {
            if (e.getValueFrom() != null) {
                defaultFieldRef(e.getValueFrom().getFieldRef());
            }
        }
    }

    /** {@code SetDefaults_Probe} and {@code SetDefaults_HTTPGetAction}. */
    public static void applyProbeDefaults(Probe p) {
        if (p == null) {
            return;
        }
        if (p.getTimeoutSeconds() == null || p.getTimeoutSeconds() == 0) {
            p.setTimeoutSeconds(1);
        }
        if (p.getPeriodSeconds() == null || p.getPeriodSeconds() == 0) {
            p.setPeriodSeconds(10);
        }
        if (p.getSuccessThreshold() == null || p.getSuccessThreshold() == 0) {
            p.setSuccessThreshold(1);
        }
        if (p.getFailureThreshold() == null || p.getFailureThreshold() == 0) {
            p.setFailureThreshold(3);
        }
        applyHttpGetDefaults(p.getHttpGet());
        if (p.getGrpc() != null && p.getGrpc().getService() == null) {
            p.getGrpc().setService("");
        }
    }

    private static void applyLifecycleDefaults(Lifecycle lifecycle) {
        if (lifecycle == null) {
            return;
        }
        for (LifecycleHandler h : new LifecycleHandler[]{lifecycle.getPostStart(), lifecycle.getPreStop()}) {
            if (h != null) {
                applyHttpGetDefaults(h.getHttpGet());
            }
        }
    }

    private static void applyHttpGetDefaults(HTTPGetAction a) {
        if (a == null) {
            return;
        }
        if (isEmpty(a.getPath())) {
            a.setPath("/");
        }
        if (isEmpty(a.getScheme())) {
            a.setScheme("HTTP");
        }
    }

    /** {@code SetDefaults_Volume} and the defaults of each volume source. */
    public static void applyVolumeDefaults(Volume v) {
        if (!hasAnySource(v)) {
            v.setEmptyDir(new EmptyDirVolumeSource());
        }
        if (v.getSecret() != null && v.getSecret().getDefaultMode() == null) {
            v.getSecret().setDefaultMode(DEFAULT_VOLUME_MODE);
        }
        if (v.getConfigMap() != null && v.getConfigMap().getDefaultMode() == null) {
            v.getConfigMap().setDefaultMode(DEFAULT_VOLUME_MODE);
        }
        if (v.getDownwardAPI() != null) {
            if (v.getDownwardAPI().getDefaultMode() == null) {
                v.getDownwardAPI().setDefaultMode(DEFAULT_VOLUME_MODE);
            }
            for (DownwardAPIVolumeFile f : nn(v.getDownwardAPI().getItems())) {
                defaultFieldRef(f.getFieldRef());
            }
        }
        if (v.getProjected() != null) {
            if (v.getProjected().getDefaultMode() == null) {
                v.getProjected().setDefaultMode(DEFAULT_VOLUME_MODE);
            }
            for (VolumeProjection s : nn(v.getProjected().getSources())) {
                if (s.getServiceAccountToken() != null && s.getServiceAccountToken().getExpirationSeconds() == null) {
                    s.getServiceAccountToken().setExpirationSeconds(DEFAULT_TOKEN_EXPIRATION_SECONDS);
                }
                if (s.getDownwardAPI() != null) {
                    for (DownwardAPIVolumeFile f : nn(s.getDownwardAPI().getItems())) {
                        defaultFieldRef(f.getFieldRef());
                    }
                }
            }
        }
        if (v.getHostPath() != null && v.getHostPath().getType() == null) {
            v.getHostPath().setType("");
        }
        if (v.getEphemeral() != null && v.getEphemeral().getVolumeClaimTemplate() != null) {
            PersistentVolumeClaimSpec pvc = v.getEphemeral().getVolumeClaimTemplate().getSpec();
            if (pvc != null && isEmpty(pvc.getVolumeMode())) {
                pvc.setVolumeMode("Filesystem");
            }
        }
        if (v.getIscsi() != null && isEmpty(v.getIscsi().getIscsiInterface())) {
            v.getIscsi().setIscsiInterface("default");
        }
        if (v.getRbd() != null) {
            if (isEmpty(v.getRbd().getPool())) {
                v.getRbd().setPool("rbd");
            }
            if (isEmpty(v.getRbd().getUser())) {
                v.getRbd().setUser("admin");
            }
            if (isEmpty(v.getRbd().getKeyring())) {
                v.getRbd().setKeyring("/etc/ceph/keyring");
            }
        }
    }

    /** Whether any volume source is set (upstream's {@code AllPtrFieldsNil} on the source). */
    static boolean hasAnySource(Volume v) {
        return v.getAwsElasticBlockStore() != null || v.getAzureDisk() != null || v.getAzureFile() != null
                || v.getCephfs() != null || v.getCinder() != null || v.getConfigMap() != null || v.getCsi() != null
                || v.getDownwardAPI() != null || v.getEmptyDir() != null || v.getEphemeral() != null
                || v.getFc() != null || v.getFlexVolume() != null || v.getFlocker() != null
                || v.getGcePersistentDisk() != null || v.getGitRepo() != null || v.getGlusterfs() != null
                || v.getHostPath() != null || v.getImage() != null || v.getIscsi() != null || v.getNfs() != null
                || v.getPersistentVolumeClaim() != null || v.getPhotonPersistentDisk() != null
                || v.getPortworxVolume() != null || v.getProjected() != null || v.getQuobyte() != null
                || v.getRbd() != null || v.getScaleIO() != null || v.getSecret() != null || v.getStorageos() != null
                || v.getVsphereVolume() != null;
    }

    private static void defaultFieldRef(ObjectFieldSelector ref) {
        if (ref != null && isEmpty(ref.getApiVersion())) {
            ref.setApiVersion("v1");
        }
    }

    private static void defaultRequestsToLimits(Container c) {
        ResourceRequirements r = c.getResources();
        if (r == null || r.getLimits() == null || r.getLimits().isEmpty()) {
            return;
        }
        Map<String, Quantity> requests = r.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getRequests());
        r.getLimits().forEach((k, v) -> requests.putIfAbsent(k, new Quantity(v.getAmount(), v.getFormat())));
        r.setRequests(requests);
    }

    private static void defaultHostNetworkPorts(List<Container> containers) {
        for (Container c : nn(containers)) {
            for (ContainerPort p : nn(c.getPorts())) {
                if (p.getHostPort() == null || p.getHostPort() == 0) {
                    p.setHostPort(p.getContainerPort());
                }
            }
        }
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    static <T> List<T> nn(List<T> list) {
        return list == null ? List.of() : list;
    }
}
