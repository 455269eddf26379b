package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimTemplate;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.LabelValidation;
import io.kubeboot.api.validation.NameValidation;
import io.kubeboot.api.validation.ObjectMetaValidation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.kubeboot.apiserver.registry.pods.PodDefaults.isEmpty;
import static io.kubeboot.apiserver.registry.pods.PodDefaults.nn;

/**
 * Pod volumes as upstream's {@code ValidateVolumes} / {@code validateVolumeSource}: unique DNS-label
 * names, exactly one source each, and the required fields of every source type.
 */
public final class VolumeValidation {
    private VolumeValidation() {
    }

    static final String FILE_MODE_ERROR_MSG = "must be a number between 0 and 0777 (octal), both inclusive";
    private static final Set<String> HOST_PATH_TYPES = Set.of("", "DirectoryOrCreate", "Directory",
            "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice");
    static final Set<String> VOLUME_DOWNWARD_API_FIELDS = Set.of("metadata.name", "metadata.namespace",
            "metadata.labels", "metadata.annotations", "metadata.uid");
    private static final Set<String> ACCESS_MODES = Set.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany",
            "ReadWriteOncePod");

    /** The result: valid volumes by name (for mount checks) and the errors found. */
    public record Result(Map<String, Volume> volumes, FieldErrors errors) {
    }

    public static Result validateVolumes(List<Volume> volumes, ObjectMeta podMeta, FieldPath path) {
        FieldErrors all = new FieldErrors();
        Map<String, Volume> valid = new LinkedHashMap<>();
        Set<String> createdPvcs = new HashSet<>();
        String podName = podMeta == null ? "" : nz(podMeta.getName());
        if (!podName.isEmpty()) {
            for (Volume v : nn(volumes)) {
                if (v.getEphemeral() != null) {
                    createdPvcs.add(podName + "-" + v.getName());
                }
            }
        }
        List<Volume> list = nn(volumes);
        for (int i = 0; i < list.size(); i++) {
            Volume v = list.get(i);
            FieldPath idx = path.index(i);
            FieldPath namePath = idx.child("name");
            FieldErrors el = validateVolumeSource(v, idx, nz(v.getName()), podName);
            if (isEmpty(v.getName())) {
                el.required(namePath, "");
            } else {
                el.addAll(FieldValidators.dns1123Label(v.getName(), namePath));
            }
            if (valid.containsKey(nz(v.getName()))) {
                el.duplicate(namePath, nz(v.getName()));
            }
            if (el.isEmpty()) {
                valid.put(nz(v.getName()), v);
            } else {
                all.addAll(el);
            }
            if (v.getPersistentVolumeClaim() != null && createdPvcs.contains(v.getPersistentVolumeClaim().getClaimName())) {
                all.invalid(idx.child("persistentVolumeClaim", "claimName"), v.getPersistentVolumeClaim().getClaimName(),
                        "must not reference a PVC that gets created for an ephemeral volume");
            }
        }
        return new Result(valid, all);
    }

    private record Source(String field, boolean present, Supplier<FieldErrors> check) {
    }

    private static FieldErrors validateVolumeSource(Volume v, FieldPath path, String volName, String podName) {
        FieldErrors errs = new FieldErrors();
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("emptyDir", v.getEmptyDir() != null, () -> emptyDir(v, path)));
        sources.add(new Source("hostPath", v.getHostPath() != null, () -> hostPath(v, path.child("hostPath"))));
        sources.add(new Source("gitRepo", v.getGitRepo() != null, () -> {
            FieldErrors e = new FieldErrors();
            FieldPath p = path.child("gitRepo");
            if (isEmpty(v.getGitRepo().getRepository())) {
                e.required(p.child("repository"), "");
            }
            return e.addAll(localDescendingPath(nz(v.getGitRepo().getDirectory()), p.child("directory")));
        }));
        sources.add(new Source("gcePersistentDisk", v.getGcePersistentDisk() != null, () -> {
            FieldPath p = path.child("persistentDisk");
            FieldErrors e = requiredText(v.getGcePersistentDisk().getPdName(), p.child("pdName"));
            return e.addAll(partition(v.getGcePersistentDisk().getPartition(), p.child("partition")));
        }));
        sources.add(new Source("awsElasticBlockStore", v.getAwsElasticBlockStore() != null, () -> {
            FieldPath p = path.child("awsElasticBlockStore");
            FieldErrors e = requiredText(v.getAwsElasticBlockStore().getVolumeID(), p.child("volumeID"));
            return e.addAll(partition(v.getAwsElasticBlockStore().getPartition(), p.child("partition")));
        }));
        sources.add(new Source("secret", v.getSecret() != null, () -> {
            FieldPath p = path.child("secret");
            FieldErrors e = requiredText(v.getSecret().getSecretName(), p.child("secretName"));
            e.addAll(fileMode(v.getSecret().getDefaultMode(), p.child("defaultMode")));
            return e.addAll(keyToPaths(v.getSecret().getItems(), p.child("items")));
        }));
        sources.add(new Source("nfs", v.getNfs() != null, () -> {
            FieldPath p = path.child("nfs");
            FieldErrors e = requiredText(v.getNfs().getServer(), p.child("server"));
            e.addAll(requiredText(v.getNfs().getPath(), p.child("path")));
            if (!nz(v.getNfs().getPath()).startsWith("/")) {
                e.invalid(p.child("path"), nz(v.getNfs().getPath()), "must be an absolute path");
            }
            return e;
        }));
        sources.add(new Source("iscsi", v.getIscsi() != null, () -> {
            FieldPath p = path.child("iscsi");
            FieldErrors e = requiredText(v.getIscsi().getTargetPortal(), p.child("targetPortal"));
            e.addAll(requiredText(v.getIscsi().getIqn(), p.child("iqn")));
            int lun = v.getIscsi().getLun() == null ? 0 : v.getIscsi().getLun();
            if (lun < 0 || lun > 255) {
                e.invalid(p.child("lun"), lun, "must be between 0 and 255, inclusive");
            }
            return e;
        }));
        sources.add(new Source("glusterfs", v.getGlusterfs() != null, () -> {
            FieldPath p = path.child("glusterfs");
            return requiredText(v.getGlusterfs().getEndpoints(), p.child("endpoints"))
                    .addAll(requiredText(v.getGlusterfs().getPath(), p.child("path")));
        }));
        sources.add(new Source("flocker", v.getFlocker() != null, () -> {
            FieldErrors e = new FieldErrors();
            FieldPath p = path.child("flocker");
            boolean name = !isEmpty(v.getFlocker().getDatasetName());
            boolean uuid = !isEmpty(v.getFlocker().getDatasetUUID());
            if (!name && !uuid) {
                e.required(p, "one of datasetName and datasetUUID is required");
            }
            if (name && uuid) {
                e.invalid(p, "resource", "datasetName and datasetUUID can not be specified simultaneously");
            }
            if (nz(v.getFlocker().getDatasetName()).contains("/")) {
                e.invalid(p.child("datasetName"), v.getFlocker().getDatasetName(), "must not contain '/'");
            }
            return e;
        }));
        sources.add(new Source("persistentVolumeClaim", v.getPersistentVolumeClaim() != null, () ->
                requiredText(v.getPersistentVolumeClaim().getClaimName(), path.child("persistentVolumeClaim", "claimName"))));
        sources.add(new Source("rbd", v.getRbd() != null, () -> {
            FieldPath p = path.child("rbd");
            FieldErrors e = new FieldErrors();
            if (nn(v.getRbd().getMonitors()).isEmpty()) {
                e.required(p.child("monitors"), "");
            }
            return e.addAll(requiredText(v.getRbd().getImage(), p.child("image")));
        }));
        sources.add(new Source("cinder", v.getCinder() != null, () -> {
            FieldPath p = path.child("cinder");
            FieldErrors e = requiredText(v.getCinder().getVolumeID(), p.child("volumeID"));
            if (v.getCinder().getSecretRef() != null && isEmpty(v.getCinder().getSecretRef().getName())) {
                e.required(p.child("secretRef", "name"), "");
            }
            return e;
        }));
        sources.add(new Source("cephFS", v.getCephfs() != null, () -> {
            FieldErrors e = new FieldErrors();
            if (nn(v.getCephfs().getMonitors()).isEmpty()) {
                e.required(path.child("cephfs", "monitors"), "");
            }
            return e;
        }));
        sources.add(new Source("quobyte", v.getQuobyte() != null, () -> {
            FieldPath p = path.child("quobyte");
            FieldErrors e = new FieldErrors();
            if (isEmpty(v.getQuobyte().getRegistry())) {
                e.required(p.child("registry"), "must be a host:port pair or multiple pairs separated by commas");
            }
            return e.addAll(requiredText(v.getQuobyte().getVolume(), p.child("volume")));
        }));
        // upstream reports a second source here under the misspelt "downwarAPI"
        sources.add(new Source("downwarAPI", v.getDownwardAPI() != null, () -> {
            FieldPath p = path.child("downwardAPI");
            FieldErrors e = fileMode(v.getDownwardAPI().getDefaultMode(), p.child("defaultMode"));
            for (DownwardAPIVolumeFile f : nn(v.getDownwardAPI().getItems())) {
                e.addAll(downwardApiFile(f, p));
            }
            return e;
        }));
        sources.add(new Source("fc", v.getFc() != null, () -> {
            FieldPath p = path.child("fc");
            FieldErrors e = new FieldErrors();
            boolean wwns = !nn(v.getFc().getTargetWWNs()).isEmpty();
            boolean wwids = !nn(v.getFc().getWwids()).isEmpty();
            if (!wwns && !wwids) {
                e.required(p.child("targetWWNs"), "must specify either targetWWNs or wwids, but not both");
            }
            if (wwns && wwids) {
                e.invalid(p.child("targetWWNs"), v.getFc().getTargetWWNs(),
                        "targetWWNs and wwids can not be specified simultaneously");
            }
            if (wwns) {
                if (v.getFc().getLun() == null) {
                    e.required(p.child("lun"), "lun is required if targetWWNs is specified");
                } else if (v.getFc().getLun() < 0 || v.getFc().getLun() > 255) {
                    e.invalid(p.child("lun"), v.getFc().getLun(), "must be between 0 and 255, inclusive");
                }
            }
            return e;
        }));
        sources.add(new Source("flexVolume", v.getFlexVolume() != null, () ->
                requiredText(v.getFlexVolume().getDriver(), path.child("flexVolume", "driver"))));
        sources.add(new Source("configMap", v.getConfigMap() != null, () -> {
            FieldPath p = path.child("configMap");
            FieldErrors e = requiredText(v.getConfigMap().getName(), p.child("name"));
            e.addAll(fileMode(v.getConfigMap().getDefaultMode(), p.child("defaultMode")));
            return e.addAll(keyToPaths(v.getConfigMap().getItems(), p.child("items")));
        }));
        sources.add(new Source("azureFile", v.getAzureFile() != null, () -> {
            FieldPath p = path.child("azureFile");
            return requiredText(v.getAzureFile().getSecretName(), p.child("secretName"))
                    .addAll(requiredText(v.getAzureFile().getShareName(), p.child("shareName")));
        }));
        sources.add(new Source("vsphereVolume", v.getVsphereVolume() != null, () ->
                requiredText(v.getVsphereVolume().getVolumePath(), path.child("vsphereVolume", "volumePath"))));
        sources.add(new Source("photonPersistentDisk", v.getPhotonPersistentDisk() != null, () ->
                requiredText(v.getPhotonPersistentDisk().getPdID(), path.child("photonPersistentDisk", "pdID"))));
        sources.add(new Source("portworxVolume", v.getPortworxVolume() != null, () ->
                requiredText(v.getPortworxVolume().getVolumeID(), path.child("portworxVolume", "volumeID"))));
        sources.add(new Source("azureDisk", v.getAzureDisk() != null, () -> {
            FieldPath p = path.child("azureDisk");
            return requiredText(v.getAzureDisk().getDiskName(), p.child("diskName"))
                    .addAll(requiredText(v.getAzureDisk().getDiskURI(), p.child("diskURI")));
        }));
        sources.add(new Source("storageos", v.getStorageos() != null, () -> {
            FieldPath p = path.child("storageos");
            if (isEmpty(v.getStorageos().getVolumeName())) {
                return new FieldErrors().required(p.child("volumeName"), "");
            }
            return FieldValidators.dns1123Label(v.getStorageos().getVolumeName(), p.child("volumeName"));
        }));
        sources.add(new Source("projected", v.getProjected() != null, () -> projected(v, path.child("projected"))));
        sources.add(new Source("scaleIO", v.getScaleIO() != null, () -> {
            FieldPath p = path.child("scaleIO");
            return requiredText(v.getScaleIO().getGateway(), p.child("gateway"))
                    .addAll(requiredText(v.getScaleIO().getSystem(), p.child("system")))
                    .addAll(requiredText(v.getScaleIO().getVolumeName(), p.child("volumeName")));
        }));
        sources.add(new Source("csi", v.getCsi() != null, () -> {
            FieldPath p = path.child("csi");
            FieldErrors e = csiDriverName(nz(v.getCsi().getDriver()), p.child("driver"));
            if (v.getCsi().getNodePublishSecretRef() != null) {
                String n = nz(v.getCsi().getNodePublishSecretRef().getName());
                if (n.isEmpty()) {
                    e.required(p.child("nodePublishSecretRef", "name"), "");
                } else {
                    e.addAll(FieldValidators.name(NameValidation::dns1123Subdomain, n, p.child("name")));
                }
            }
            return e;
        }));
        sources.add(new Source("ephemeral", v.getEphemeral() != null, () -> ephemeral(v, path, volName, podName)));
        sources.add(new Source("image", v.getImage() != null, () -> {
            FieldPath p = path.child("image");
            FieldErrors e = new FieldErrors();
            String policy = nz(v.getImage().getPullPolicy());
            if (policy.isEmpty()) {
                e.required(p.child("pullPolicy"), "");
            } else if (!ContainerValidation.PULL_POLICIES.contains(policy)) {
                e.notSupported(p.child("pullPolicy"), policy, List.of("Always", "IfNotPresent", "Never"));
            }
            return e;
        }));

        int count = 0;
        for (Source s : sources) {
            if (!s.present()) {
                continue;
            }
            if (count > 0) {
                errs.forbidden(path.child(s.field()), "may not specify more than 1 volume type");
            } else {
                count++;
                errs.addAll(s.check().get());
            }
        }
        if (count == 0) {
            errs.required(path, "must specify a volume type");
        }
        return errs;
    }

    private static FieldErrors emptyDir(Volume v, FieldPath path) {
        FieldErrors e = new FieldErrors();
        Quantity limit = v.getEmptyDir().getSizeLimit();
        if (limit != null) {
            BigDecimal q = Quantities.value(limit);
            if (q == null) {
                e.invalid(path.child("emptyDir", "sizeLimit"), Quantities.text(limit), Quantities.FORMAT_MESSAGE);
            } else if (q.signum() < 0) {
                e.forbidden(path.child("emptyDir", "sizeLimit"), "SizeLimit field must be a valid resource quantity");
            }
        }
        return e;
    }

    private static FieldErrors hostPath(Volume v, FieldPath p) {
        FieldErrors e = new FieldErrors();
        if (isEmpty(v.getHostPath().getPath())) {
            return e.required(p.child("path"), "");
        }
        e.addAll(pathNoBacksteps(v.getHostPath().getPath(), p.child("path")));
        String type = v.getHostPath().getType();
        if (type != null && !HOST_PATH_TYPES.contains(type)) {
            e.notSupported(p.child("type"), type, List.of("", "BlockDevice", "CharDevice", "Directory",
                    "DirectoryOrCreate", "File", "FileOrCreate", "Socket"));
        }
        return e;
    }

    private static FieldErrors projected(Volume v, FieldPath p) {
        FieldErrors e = fileMode(v.getProjected().getDefaultMode(), p.child("defaultMode"));
        Set<String> paths = new HashSet<>();
        List<VolumeProjection> sources = nn(v.getProjected().getSources());
        for (int i = 0; i < sources.size(); i++) {
            VolumeProjection s = sources.get(i);
            FieldPath src = p.child("sources").index(i);
            int n = 0;
            if (s.getSecret() != null) {
                n++;
                SecretProjection sec = s.getSecret();
                FieldPath sp = src.child("secret");
                if (isEmpty(sec.getName())) {
                    e.required(sp.child("name"), "");
                }
                e.addAll(projectedItems(sec.getItems(), sp.child("items"), p, nz(sec.getName()), paths));
            }
            if (s.getConfigMap() != null) {
                n++;
                ConfigMapProjection cm = s.getConfigMap();
                FieldPath cp = src.child("configMap");
                if (isEmpty(cm.getName())) {
                    e.required(cp.child("name"), "");
                }
                e.addAll(projectedItems(cm.getItems(), cp.child("items"), p, nz(cm.getName()), paths));
            }
            if (s.getDownwardAPI() != null) {
                n++;
                FieldPath dp = src.child("downwardAPI");
                for (DownwardAPIVolumeFile f : nn(s.getDownwardAPI().getItems())) {
                    e.addAll(downwardApiFile(f, dp));
                    if (!isEmpty(f.getPath()) && !paths.add(f.getPath())) {
                        e.invalid(p, f.getPath(), "conflicting duplicate paths");
                    }
                }
            }
            if (s.getServiceAccountToken() != null) {
                n++;
                FieldPath tp = src.child("serviceAccountToken");
                long exp = s.getServiceAccountToken().getExpirationSeconds() == null ? 0
                        : s.getServiceAccountToken().getExpirationSeconds();
                if (exp < 600) {
                    e.invalid(tp.child("expirationSeconds"), exp, "may not specify a duration less than 10 minutes");
                }
                if (exp > (1L << 32)) {
                    e.invalid(tp.child("expirationSeconds"), exp, "may not specify a duration larger than 2^32 seconds");
                }
                if (isEmpty(s.getServiceAccountToken().getPath())) {
                    e.required(p.child("path"), "");
                } else {
                    e.addAll(localNonReservedPath(s.getServiceAccountToken().getPath(), p.child("path")));
                }
            }
            if (s.getClusterTrustBundle() != null) {
                n++;
                FieldPath cp = src.child("clusterTrustBundle");
                boolean byName = s.getClusterTrustBundle().getName() != null;
                boolean bySigner = s.getClusterTrustBundle().getSignerName() != null;
                if (byName && bySigner) {
                    e.invalid(cp, FieldError.OMIT, "only one of name and signerName may be used");
                } else if (!byName && !bySigner) {
                    e.required(cp, "either name or signerName must be specified");
                }
                if (isEmpty(s.getClusterTrustBundle().getPath())) {
                    e.required(cp.child("path"), "");
                }
                e.addAll(localNonReservedPath(nz(s.getClusterTrustBundle().getPath()), cp.child("path")));
            }
            if (n > 1) {
                e.forbidden(src, "may not specify more than 1 volume type per source");
            }
        }
        return e;
    }

    private static FieldErrors projectedItems(List<KeyToPath> items, FieldPath itemsPath, FieldPath projPath,
                                              String sourceName, Set<String> paths) {
        FieldErrors e = new FieldErrors();
        List<KeyToPath> list = nn(items);
        for (int i = 0; i < list.size(); i++) {
            KeyToPath kp = list.get(i);
            e.addAll(keyToPath(kp, itemsPath.index(i)));
            if (!isEmpty(kp.getPath()) && !paths.add(kp.getPath())) {
                e.invalid(projPath, sourceName, "conflicting duplicate paths");
            }
        }
        return e;
    }

    private static FieldErrors ephemeral(Volume v, FieldPath path, String volName, String podName) {
        FieldErrors e = new FieldErrors();
        FieldPath p = path.child("ephemeral");
        PersistentVolumeClaimTemplate t = v.getEphemeral().getVolumeClaimTemplate();
        if (t == null) {
            return e.required(p.child("volumeClaimTemplate"), "");
        }
        FieldPath tp = p.child("volumeClaimTemplate");
        if (t.getMetadata() != null) {
            e.addAll(ObjectMetaValidation.validateAnnotations(t.getMetadata().getAnnotations(), tp.child("metadata", "annotations")));
            e.addAll(LabelValidation.validateLabels(t.getMetadata().getLabels(), tp.child("metadata", "labels")));
        }
        PersistentVolumeClaimSpec spec = t.getSpec() == null ? new PersistentVolumeClaimSpec() : t.getSpec();
        FieldPath sp = tp.child("spec");
        if (nn(spec.getAccessModes()).isEmpty()) {
            e.required(sp.child("accessModes"), "at least 1 access mode is required");
        }
        for (String mode : nn(spec.getAccessModes())) {
            if (!ACCESS_MODES.contains(mode)) {
                e.notSupported(sp.child("accessModes"), mode,
                        List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"));
            }
        }
        e.addAll(LabelValidation.validateLabelSelector(spec.getSelector(), sp.child("selector")));
        Quantity storage = spec.getResources() == null || spec.getResources().getRequests() == null ? null
                : spec.getResources().getRequests().get("storage");
        FieldPath storagePath = sp.child("resources").key("storage");
        if (storage == null) {
            e.required(storagePath, "");
        } else {
            BigDecimal q = Quantities.value(storage);
            if (q == null) {
                e.invalid(storagePath, Quantities.text(storage), Quantities.FORMAT_MESSAGE);
            } else if (q.signum() <= 0) {
                e.invalid(storagePath, Quantities.text(storage), "must be greater than zero");
            }
        }
        if (!podName.isEmpty() && !volName.isEmpty()) {
            String pvcName = podName + "-" + volName;
            for (String msg : NameValidation.dns1123Subdomain(pvcName, false)) {
                e.invalid(path.child("name"), volName, "PVC name \"" + pvcName + "\": " + msg);
            }
        }
        return e;
    }

    static FieldErrors downwardApiFile(DownwardAPIVolumeFile f, FieldPath path) {
        FieldErrors e = new FieldErrors();
        if (isEmpty(f.getPath())) {
            e.required(path.child("path"), "");
        }
        e.addAll(localNonReservedPath(nz(f.getPath()), path.child("path")));
        if (f.getFieldRef() != null) {
            e.addAll(EnvValidation.objectFieldSelector(f.getFieldRef(), VOLUME_DOWNWARD_API_FIELDS, path.child("fieldRef")));
            if (f.getResourceFieldRef() != null) {
                e.invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously");
            }
        } else if (f.getResourceFieldRef() != null) {
            e.addAll(EnvValidation.resourceFieldSelector(f.getResourceFieldRef(), path.child("resourceFieldRef"), true));
        } else {
            e.required(path, "one of fieldRef and resourceFieldRef is required");
        }
        e.addAll(fileMode(f.getMode(), path.child("mode")));
        return e;
    }

    private static FieldErrors keyToPaths(List<KeyToPath> items, FieldPath path) {
        FieldErrors e = new FieldErrors();
        List<KeyToPath> list = nn(items);
        for (int i = 0; i < list.size(); i++) {
            e.addAll(keyToPath(list.get(i), path.index(i)));
        }
        return e;
    }

    private static FieldErrors keyToPath(KeyToPath kp, FieldPath path) {
        FieldErrors e = new FieldErrors();
        if (isEmpty(kp.getKey())) {
            e.required(path.child("key"), "");
        }
        if (isEmpty(kp.getPath())) {
            e.required(path.child("path"), "");
        }
        e.addAll(localNonReservedPath(nz(kp.getPath()), path.child("path")));
        return e.addAll(fileMode(kp.getMode(), path.child("mode")));
    }

    private static FieldErrors fileMode(Integer mode, FieldPath path) {
        FieldErrors e = new FieldErrors();
        if (mode != null && (mode > 0777 || mode < 0)) {
            e.invalid(path, mode, FILE_MODE_ERROR_MSG);
        }
        return e;
    }

    private static FieldErrors partition(Integer partition, FieldPath path) {
        FieldErrors e = new FieldErrors();
        int p = partition == null ? 0 : partition;
        if (p < 0 || p > 255) {
            e.invalid(path, p, "must be between 1 and 255, inclusive");
        }
        return e;
    }

    private static FieldErrors csiDriverName(String driver, FieldPath path) {
        FieldErrors e = new FieldErrors();
        if (driver.isEmpty()) {
            e.required(path, "");
        }
        if (driver.length() > 63) {
            e.tooLong(path, "", 63);
        }
        return e.addAll(FieldValidators.lowerCaseSubdomain(driver, path));
    }

    private static FieldErrors requiredText(String value, FieldPath path) {
        FieldErrors e = new FieldErrors();
        if (isEmpty(value)) {
            e.required(path, "");
        }
        return e;
    }

    /** Upstream {@code validateLocalDescendingPath}: relative, no '..' element. */
    static FieldErrors localDescendingPath(String target, FieldPath path) {
        FieldErrors e = new FieldErrors();
        if (target.startsWith("/")) {
            e.invalid(path, target, "must be a relative path");
        }
        return e.addAll(pathNoBacksteps(target, path));
    }

    /** Upstream {@code ValidateLocalNonReservedPath}: also may not start with '..'. */
    static FieldErrors localNonReservedPath(String target, FieldPath path) {
        FieldErrors e = localDescendingPath(target, path);
        if (target.startsWith("..") && !target.startsWith("../")) {
            e.invalid(path, target, "must not start with '..'");
        }
        return e;
    }

    static FieldErrors pathNoBacksteps(String target, FieldPath path) {
        FieldErrors e = new FieldErrors();
        for (String part : target.replace('\\', '/').split("/", -1)) {
            if (part.equals("..")) {
                e.invalid(path, target, "must not contain '..'");
                break;
            }
        }
        return e;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
