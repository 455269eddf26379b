package io.kubeboot.controller.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Go types of {@code k8s.io/api/core/v1.PodTemplateSpec} as of k8s.io/api v0.32.1 (kube 1.32): every struct
 * reachable from it with its fields in declaration order (Go name, JSON name or {@code ,inline} for embedded
 * structs, Go type), and every named non-struct type with its underlying type. Package prefixes: {@code core}
 * (k8s.io/api/core/v1), {@code meta} (apimachinery meta/v1); both print as {@code v1.} like Go's reflect does.
 *
 * <p>The pod-template-hash is a hash of go-spew's rendering of the Go struct, so field order and type names are
 * part of the hash: this table was derived mechanically from core/v1/types.go and meta/v1/types.go of those
 * releases and must be re-derived (not hand-edited) for another Kubernetes version. Quantity, IntOrString, Time and
 * FieldsV1 are rendered by {@link GoSpew} itself.
 */
final class GoTypes {
    /** A struct field: Go name, JSON name ("" when inlined), Go type. */
    record Field(String goName, String jsonName, String type) {
    }

    private final Map<String, List<Field>> structs = new HashMap<>();
    private final Map<String, String> named = new HashMap<>();

    private GoTypes() {
    }

    /** The v0.32.1 table. */
    static GoTypes v1_32() {
        GoTypes t = new GoTypes();
        List<Field> current = null;
        for (String line : TABLE.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.trim().split(" ");
            if (line.startsWith("type ")) {
                t.named.put(p[1], p[2]);
            } else if (line.startsWith("struct ")) {
                current = new ArrayList<>();
                t.structs.put(p[1], current);
            } else {
                current.add(new Field(p[0], ",inline".equals(p[1]) ? "" : p[1], p[2]));
            }
        }
        return t;
    }

    /** The fields of a struct type, or null when {@code type} is not a known struct. */
    List<Field> struct(String type) {
        return structs.get(type);
    }

    /** The underlying type of a named non-struct type, or null. */
    String underlying(String type) {
        return named.get(type);
    }

    private static final String TABLE = """
            type types.UID string
            type meta.ManagedFieldsOperationType string
            type core.HostPathType string
            type core.StorageMedium string
            type core.AzureDataDiskCachingMode string
            type core.AzureDataDiskKind string
            type meta.LabelSelectorOperator string
            type core.PersistentVolumeAccessMode string
            type core.ResourceList map[core.ResourceName]resource.Quantity
            type core.ResourceName string
            type core.PersistentVolumeMode string
            type core.PullPolicy string
            type core.Protocol string
            type core.ResourceResizeRestartPolicy string
            type core.ContainerRestartPolicy string
            type core.RecursiveReadOnlyMode string
            type core.MountPropagationMode string
            type core.URIScheme string
            type core.TerminationMessagePolicy string
            type core.Capability string
            type core.ProcMountType string
            type core.SeccompProfileType string
            type core.AppArmorProfileType string
            type core.RestartPolicy string
            type core.DNSPolicy string
            type core.SupplementalGroupsPolicy string
            type core.PodFSGroupChangePolicy string
            type core.PodSELinuxChangePolicy string
            type core.NodeSelectorOperator string
            type core.TolerationOperator string
            type core.TaintEffect string
            type core.PodConditionType string
            type core.PreemptionPolicy string
            type core.UnsatisfiableConstraintAction string
            type core.NodeInclusionPolicy string
            type core.OSName string
            struct core.PodTemplateSpec
              ObjectMeta metadata meta.ObjectMeta
              Spec spec core.PodSpec
            struct meta.ObjectMeta
              Name name string
              GenerateName generateName string
              Namespace namespace string
              SelfLink selfLink string
              UID uid types.UID
              ResourceVersion resourceVersion string
              Generation generation int64
              CreationTimestamp creationTimestamp meta.Time
              DeletionTimestamp deletionTimestamp *meta.Time
              DeletionGracePeriodSeconds deletionGracePeriodSeconds *int64
              Labels labels map[string]string
              Annotations annotations map[string]string
              OwnerReferences ownerReferences []meta.OwnerReference
              Finalizers finalizers []string
              ManagedFields managedFields []meta.ManagedFieldsEntry
            struct meta.OwnerReference
              APIVersion apiVersion string
              Kind kind string
              Name name string
              UID uid types.UID
              Controller controller *bool
              BlockOwnerDeletion blockOwnerDeletion *bool
            struct meta.ManagedFieldsEntry
              Manager manager string
              Operation operation meta.ManagedFieldsOperationType
              APIVersion apiVersion string
              Time time *meta.Time
              FieldsType fieldsType string
              FieldsV1 fieldsV1 *meta.FieldsV1
              Subresource subresource string
            struct core.PodSpec
              Volumes volumes []core.Volume
              InitContainers initContainers []core.Container
              Containers containers []core.Container
              EphemeralContainers ephemeralContainers []core.EphemeralContainer
              RestartPolicy restartPolicy core.RestartPolicy
              TerminationGracePeriodSeconds terminationGracePeriodSeconds *int64
              ActiveDeadlineSeconds activeDeadlineSeconds *int64
              DNSPolicy dnsPolicy core.DNSPolicy
              NodeSelector nodeSelector map[string]string
              ServiceAccountName serviceAccountName string
              DeprecatedServiceAccount serviceAccount string
              AutomountServiceAccountToken automountServiceAccountToken *bool
              NodeName nodeName string
              HostNetwork hostNetwork bool
              HostPID hostPID bool
              HostIPC hostIPC bool
              ShareProcessNamespace shareProcessNamespace *bool
              SecurityContext securityContext *core.PodSecurityContext
              ImagePullSecrets imagePullSecrets []core.LocalObjectReference
              Hostname hostname string
              Subdomain subdomain string
              Affinity affinity *core.Affinity
              SchedulerName schedulerName string
              Tolerations tolerations []core.Toleration
              HostAliases hostAliases []core.HostAlias
              PriorityClassName priorityClassName string
              Priority priority *int32
              DNSConfig dnsConfig *core.PodDNSConfig
              ReadinessGates readinessGates []core.PodReadinessGate
              RuntimeClassName runtimeClassName *string
              EnableServiceLinks enableServiceLinks *bool
              PreemptionPolicy preemptionPolicy *core.PreemptionPolicy
              Overhead overhead core.ResourceList
              TopologySpreadConstraints topologySpreadConstraints []core.TopologySpreadConstraint
              SetHostnameAsFQDN setHostnameAsFQDN *bool
              OS os *core.PodOS
              HostUsers hostUsers *bool
              SchedulingGates schedulingGates []core.PodSchedulingGate
              ResourceClaims resourceClaims []core.PodResourceClaim
              Resources resources *core.ResourceRequirements
            struct core.Volume
              Name name string
              VolumeSource ,inline core.VolumeSource
            struct core.VolumeSource
              HostPath hostPath *core.HostPathVolumeSource
              EmptyDir emptyDir *core.EmptyDirVolumeSource
              GCEPersistentDisk gcePersistentDisk *core.GCEPersistentDiskVolumeSource
              AWSElasticBlockStore awsElasticBlockStore *core.AWSElasticBlockStoreVolumeSource
              GitRepo gitRepo *core.GitRepoVolumeSource
              Secret secret *core.SecretVolumeSource
              NFS nfs *core.NFSVolumeSource
              ISCSI iscsi *core.ISCSIVolumeSource
              Glusterfs glusterfs *core.GlusterfsVolumeSource
              PersistentVolumeClaim persistentVolumeClaim *core.PersistentVolumeClaimVolumeSource
              RBD rbd *core.RBDVolumeSource
              FlexVolume flexVolume *core.FlexVolumeSource
              Cinder cinder *core.CinderVolumeSource
              CephFS cephfs *core.CephFSVolumeSource
              Flocker flocker *core.FlockerVolumeSource
              DownwardAPI downwardAPI *core.DownwardAPIVolumeSource
              FC fc *core.FCVolumeSource
              AzureFile azureFile *core.AzureFileVolumeSource
              ConfigMap configMap *core.ConfigMapVolumeSource
              VsphereVolume vsphereVolume *core.VsphereVirtualDiskVolumeSource
              Quobyte quobyte *core.QuobyteVolumeSource
              AzureDisk azureDisk *core.AzureDiskVolumeSource
              PhotonPersistentDisk photonPersistentDisk *core.PhotonPersistentDiskVolumeSource
              Projected projected *core.ProjectedVolumeSource
              PortworxVolume portworxVolume *core.PortworxVolumeSource
              ScaleIO scaleIO *core.ScaleIOVolumeSource
              StorageOS storageos *core.StorageOSVolumeSource
              CSI csi *core.CSIVolumeSource
              Ephemeral ephemeral *core.EphemeralVolumeSource
              Image image *core.ImageVolumeSource
            struct core.HostPathVolumeSource
              Path path string
              Type type *core.HostPathType
            struct core.EmptyDirVolumeSource
              Medium medium core.StorageMedium
              SizeLimit sizeLimit *resource.Quantity
            struct core.GCEPersistentDiskVolumeSource
              PDName pdName string
              FSType fsType string
              Partition partition int32
              ReadOnly readOnly bool
            struct core.AWSElasticBlockStoreVolumeSource
              VolumeID volumeID string
              FSType fsType string
              Partition partition int32
              ReadOnly readOnly bool
            struct core.GitRepoVolumeSource
              Repository repository string
              Revision revision string
              Directory directory string
            struct core.SecretVolumeSource
              SecretName secretName string
              Items items []core.KeyToPath
              DefaultMode defaultMode *int32
              Optional optional *bool
            struct core.KeyToPath
              Key key string
              Path path string
              Mode mode *int32
            struct core.NFSVolumeSource
              Server server string
              Path path string
              ReadOnly readOnly bool
            struct core.ISCSIVolumeSource
              TargetPortal targetPortal string
              IQN iqn string
              Lun lun int32
              ISCSIInterface iscsiInterface string
              FSType fsType string
              ReadOnly readOnly bool
              Portals portals []string
              DiscoveryCHAPAuth chapAuthDiscovery bool
              SessionCHAPAuth chapAuthSession bool
              SecretRef secretRef *core.LocalObjectReference
              InitiatorName initiatorName *string
            struct core.LocalObjectReference
              Name name string
            struct core.GlusterfsVolumeSource
              EndpointsName endpoints string
              Path path string
              ReadOnly readOnly bool
            struct core.PersistentVolumeClaimVolumeSource
              ClaimName claimName string
              ReadOnly readOnly bool
            struct core.RBDVolumeSource
              CephMonitors monitors []string
              RBDImage image string
              FSType fsType string
              RBDPool pool string
              RadosUser user string
              Keyring keyring string
              SecretRef secretRef *core.LocalObjectReference
              ReadOnly readOnly bool
            struct core.FlexVolumeSource
              Driver driver string
              FSType fsType string
              SecretRef secretRef *core.LocalObjectReference
              ReadOnly readOnly bool
              Options options map[string]string
            struct core.CinderVolumeSource
              VolumeID volumeID string
              FSType fsType string
              ReadOnly readOnly bool
              SecretRef secretRef *core.LocalObjectReference
            struct core.CephFSVolumeSource
              Monitors monitors []string
              Path path string
              User user string
              SecretFile secretFile string
              SecretRef secretRef *core.LocalObjectReference
              ReadOnly readOnly bool
            struct core.FlockerVolumeSource
              DatasetName datasetName string
              DatasetUUID datasetUUID string
            struct core.DownwardAPIVolumeSource
              Items items []core.DownwardAPIVolumeFile
              DefaultMode defaultMode *int32
            struct core.DownwardAPIVolumeFile
              Path path string
              FieldRef fieldRef *core.ObjectFieldSelector
              ResourceFieldRef resourceFieldRef *core.ResourceFieldSelector
              Mode mode *int32
            struct core.ObjectFieldSelector
              APIVersion apiVersion string
              FieldPath fieldPath string
            struct core.ResourceFieldSelector
              ContainerName containerName string
              Resource resource string
              Divisor divisor resource.Quantity
            struct core.FCVolumeSource
              TargetWWNs targetWWNs []string
              Lun lun *int32
              FSType fsType string
              ReadOnly readOnly bool
              WWIDs wwids []string
            struct core.AzureFileVolumeSource
              SecretName secretName string
              ShareName shareName string
              ReadOnly readOnly bool
            struct core.ConfigMapVolumeSource
              LocalObjectReference ,inline core.LocalObjectReference
              Items items []core.KeyToPath
              DefaultMode defaultMode *int32
              Optional optional *bool
            struct core.VsphereVirtualDiskVolumeSource
              VolumePath volumePath string
              FSType fsType string
              StoragePolicyName storagePolicyName string
              StoragePolicyID storagePolicyID string
            struct core.QuobyteVolumeSource
              Registry registry string
              Volume volume string
              ReadOnly readOnly bool
              User user string
              Group group string
              Tenant tenant string
            struct core.AzureDiskVolumeSource
              DiskName diskName string
              DataDiskURI diskURI string
              CachingMode cachingMode *core.AzureDataDiskCachingMode
              FSType fsType *string
              ReadOnly readOnly *bool
              Kind kind *core.AzureDataDiskKind
            struct core.PhotonPersistentDiskVolumeSource
              PdID pdID string
              FSType fsType string
            struct core.ProjectedVolumeSource
              Sources sources []core.VolumeProjection
              DefaultMode defaultMode *int32
            struct core.VolumeProjection
              Secret secret *core.SecretProjection
              DownwardAPI downwardAPI *core.DownwardAPIProjection
              ConfigMap configMap *core.ConfigMapProjection
              ServiceAccountToken serviceAccountToken *core.ServiceAccountTokenProjection
              ClusterTrustBundle clusterTrustBundle *core.ClusterTrustBundleProjection
            struct core.SecretProjection
              LocalObjectReference ,inline core.LocalObjectReference
              Items items []core.KeyToPath
              Optional optional *bool
            struct core.DownwardAPIProjection
              Items items []core.DownwardAPIVolumeFile
            struct core.ConfigMapProjection
              LocalObjectReference ,inline core.LocalObjectReference
              Items items []core.KeyToPath
              Optional optional *bool
            struct core.ServiceAccountTokenProjection
              Audience audience string
              ExpirationSeconds expirationSeconds *int64
              Path path string
            struct core.ClusterTrustBundleProjection
              Name name *string
              SignerName signerName *string
              LabelSelector labelSelector *meta.LabelSelector
              Optional optional *bool
              Path path string
            struct meta.LabelSelector
              MatchLabels matchLabels map[string]string
              MatchExpressions matchExpressions []meta.LabelSelectorRequirement
            struct meta.LabelSelectorRequirement
              Key key string
              Operator operator meta.LabelSelectorOperator
              Values values []string
            struct core.PortworxVolumeSource
              VolumeID volumeID string
              FSType fsType string
              ReadOnly readOnly bool
            struct core.ScaleIOVolumeSource
              Gateway gateway string
              System system string
              SecretRef secretRef *core.LocalObjectReference
              SSLEnabled sslEnabled bool
              ProtectionDomain protectionDomain string
              StoragePool storagePool string
              StorageMode storageMode string
              VolumeName volumeName string
              FSType fsType string
              ReadOnly readOnly bool
            struct core.StorageOSVolumeSource
              VolumeName volumeName string
              VolumeNamespace volumeNamespace string
              FSType fsType string
              ReadOnly readOnly bool
              SecretRef secretRef *core.LocalObjectReference
            struct core.CSIVolumeSource
              Driver driver string
              ReadOnly readOnly *bool
              FSType fsType *string
              VolumeAttributes volumeAttributes map[string]string
              NodePublishSecretRef nodePublishSecretRef *core.LocalObjectReference
            struct core.EphemeralVolumeSource
              VolumeClaimTemplate volumeClaimTemplate *core.PersistentVolumeClaimTemplate
            struct core.PersistentVolumeClaimTemplate
              ObjectMeta metadata meta.ObjectMeta
              Spec spec core.PersistentVolumeClaimSpec
            struct core.PersistentVolumeClaimSpec
              AccessModes accessModes []core.PersistentVolumeAccessMode
              Selector selector *meta.LabelSelector
              Resources resources core.VolumeResourceRequirements
              VolumeName volumeName string
              StorageClassName storageClassName *string
              VolumeMode volumeMode *core.PersistentVolumeMode
              DataSource dataSource *core.TypedLocalObjectReference
              DataSourceRef dataSourceRef *core.TypedObjectReference
              VolumeAttributesClassName volumeAttributesClassName *string
            struct core.VolumeResourceRequirements
              Limits limits core.ResourceList
              Requests requests core.ResourceList
            struct core.TypedLocalObjectReference
              APIGroup apiGroup *string
              Kind kind string
              Name name string
            struct core.TypedObjectReference
              APIGroup apiGroup *string
              Kind kind string
              Name name string
              Namespace namespace *string
            struct core.ImageVolumeSource
              Reference reference string
              PullPolicy pullPolicy core.PullPolicy
            struct core.Container
              Name name string
              Image image string
              Command command []string
              Args args []string
              WorkingDir workingDir string
              Ports ports []core.ContainerPort
              EnvFrom envFrom []core.EnvFromSource
              Env env []core.EnvVar
              Resources resources core.ResourceRequirements
              ResizePolicy resizePolicy []core.ContainerResizePolicy
              RestartPolicy restartPolicy *core.ContainerRestartPolicy
              VolumeMounts volumeMounts []core.VolumeMount
              VolumeDevices volumeDevices []core.VolumeDevice
              LivenessProbe livenessProbe *core.Probe
              ReadinessProbe readinessProbe *core.Probe
              StartupProbe startupProbe *core.Probe
              Lifecycle lifecycle *core.Lifecycle
              TerminationMessagePath terminationMessagePath string
              TerminationMessagePolicy terminationMessagePolicy core.TerminationMessagePolicy
              ImagePullPolicy imagePullPolicy core.PullPolicy
              SecurityContext securityContext *core.SecurityContext
              Stdin stdin bool
              StdinOnce stdinOnce bool
              TTY tty bool
            struct core.ContainerPort
              Name name string
              HostPort hostPort int32
              ContainerPort containerPort int32
              Protocol protocol core.Protocol
              HostIP hostIP string
            struct core.EnvFromSource
              Prefix prefix string
              ConfigMapRef configMapRef *core.ConfigMapEnvSource
              SecretRef secretRef *core.SecretEnvSource
            struct core.ConfigMapEnvSource
              LocalObjectReference ,inline core.LocalObjectReference
              Optional optional *bool
            struct core.SecretEnvSource
              LocalObjectReference ,inline core.LocalObjectReference
              Optional optional *bool
            struct core.EnvVar
              Name name string
              Value value string
              ValueFrom valueFrom *core.EnvVarSource
            struct core.EnvVarSource
              FieldRef fieldRef *core.ObjectFieldSelector
              ResourceFieldRef resourceFieldRef *core.ResourceFieldSelector
              ConfigMapKeyRef configMapKeyRef *core.ConfigMapKeySelector
              SecretKeyRef secretKeyRef *core.SecretKeySelector
            struct core.ConfigMapKeySelector
              LocalObjectReference ,inline core.LocalObjectReference
              Key key string
              Optional optional *bool
            struct core.SecretKeySelector
              LocalObjectReference ,inline core.LocalObjectReference
              Key key string
              Optional optional *bool
            struct core.ResourceRequirements
              Limits limits core.ResourceList
              Requests requests core.ResourceList
              Claims claims []core.ResourceClaim
            struct core.ResourceClaim
              Name name string
              Request request string
            struct core.ContainerResizePolicy
              ResourceName resourceName core.ResourceName
              RestartPolicy restartPolicy core.ResourceResizeRestartPolicy
            struct core.VolumeMount
              Name name string
              ReadOnly readOnly bool
              RecursiveReadOnly recursiveReadOnly *core.RecursiveReadOnlyMode
              MountPath mountPath string
              SubPath subPath string
              MountPropagation mountPropagation *core.MountPropagationMode
              SubPathExpr subPathExpr string
            struct core.VolumeDevice
              Name name string
              DevicePath devicePath string
            struct core.Probe
              ProbeHandler ,inline core.ProbeHandler
              InitialDelaySeconds initialDelaySeconds int32
              TimeoutSeconds timeoutSeconds int32
              PeriodSeconds periodSeconds int32
              SuccessThreshold successThreshold int32
              FailureThreshold failureThreshold int32
              TerminationGracePeriodSeconds terminationGracePeriodSeconds *int64
            struct core.ProbeHandler
              Exec exec *core.ExecAction
              HTTPGet httpGet *core.HTTPGetAction
              TCPSocket tcpSocket *core.TCPSocketAction
              GRPC grpc *core.GRPCAction
            struct core.ExecAction
              Command command []string
            struct core.HTTPGetAction
              Path path string
              Port port intstr.IntOrString
              Host host string
              Scheme scheme core.URIScheme
              HTTPHeaders httpHeaders []core.HTTPHeader
            struct core.HTTPHeader
              Name name string
              Value value string
            struct core.TCPSocketAction
              Port port intstr.IntOrString
              Host host string
            struct core.GRPCAction
              Port port int32
              Service service *string
            struct core.Lifecycle
              PostStart postStart *core.LifecycleHandler
              PreStop preStop *core.LifecycleHandler
            struct core.LifecycleHandler
              Exec exec *core.ExecAction
              HTTPGet httpGet *core.HTTPGetAction
              TCPSocket tcpSocket *core.TCPSocketAction
              Sleep sleep *core.SleepAction
            struct core.SleepAction
              Seconds seconds int64
            struct core.SecurityContext
              Capabilities capabilities *core.Capabilities
              Privileged privileged *bool
              SELinuxOptions seLinuxOptions *core.SELinuxOptions
              WindowsOptions windowsOptions *core.WindowsSecurityContextOptions
              RunAsUser runAsUser *int64
              RunAsGroup runAsGroup *int64
              RunAsNonRoot runAsNonRoot *bool
              ReadOnlyRootFilesystem readOnlyRootFilesystem *bool
              AllowPrivilegeEscalation allowPrivilegeEscalation *bool
              ProcMount procMount *core.ProcMountType
              SeccompProfile seccompProfile *core.SeccompProfile
              AppArmorProfile appArmorProfile *core.AppArmorProfile
            struct core.Capabilities
              Add add []core.Capability
              Drop drop []core.Capability
            struct core.SELinuxOptions
              User user string
              Role role string
              Type type string
              Level level string
            struct core.WindowsSecurityContextOptions
              GMSACredentialSpecName gmsaCredentialSpecName *string
              GMSACredentialSpec gmsaCredentialSpec *string
              RunAsUserName runAsUserName *string
              HostProcess hostProcess *bool
            struct core.SeccompProfile
              Type type core.SeccompProfileType
              LocalhostProfile localhostProfile *string
            struct core.AppArmorProfile
              Type type core.AppArmorProfileType
              LocalhostProfile localhostProfile *string
            struct core.EphemeralContainer
              EphemeralContainerCommon ,inline core.EphemeralContainerCommon
              TargetContainerName targetContainerName string
            struct core.EphemeralContainerCommon
              Name name string
              Image image string
              Command command []string
              Args args []string
              WorkingDir workingDir string
              Ports ports []core.ContainerPort
              EnvFrom envFrom []core.EnvFromSource
              Env env []core.EnvVar
              Resources resources core.ResourceRequirements
              ResizePolicy resizePolicy []core.ContainerResizePolicy
              RestartPolicy restartPolicy *core.ContainerRestartPolicy
              VolumeMounts volumeMounts []core.VolumeMount
              VolumeDevices volumeDevices []core.VolumeDevice
              LivenessProbe livenessProbe *core.Probe
              ReadinessProbe readinessProbe *core.Probe
              StartupProbe startupProbe *core.Probe
              Lifecycle lifecycle *core.Lifecycle
              TerminationMessagePath terminationMessagePath string
              TerminationMessagePolicy terminationMessagePolicy core.TerminationMessagePolicy
              ImagePullPolicy imagePullPolicy core.PullPolicy
              SecurityContext securityContext *core.SecurityContext
              Stdin stdin bool
              StdinOnce stdinOnce bool
              TTY tty bool
            struct core.PodSecurityContext
              SELinuxOptions seLinuxOptions *core.SELinuxOptions
              WindowsOptions windowsOptions *core.WindowsSecurityContextOptions
              RunAsUser runAsUser *int64
              RunAsGroup runAsGroup *int64
              RunAsNonRoot runAsNonRoot *bool
              SupplementalGroups supplementalGroups []int64
              SupplementalGroupsPolicy supplementalGroupsPolicy *core.SupplementalGroupsPolicy
              FSGroup fsGroup *int64
              Sysctls sysctls []core.Sysctl
              FSGroupChangePolicy fsGroupChangePolicy *core.PodFSGroupChangePolicy
              SeccompProfile seccompProfile *core.SeccompProfile
              AppArmorProfile appArmorProfile *core.AppArmorProfile
              SELinuxChangePolicy seLinuxChangePolicy *core.PodSELinuxChangePolicy
            struct core.Sysctl
              Name name string
              Value value string
            struct core.Affinity
              NodeAffinity nodeAffinity *core.NodeAffinity
              PodAffinity podAffinity *core.PodAffinity
              PodAntiAffinity podAntiAffinity *core.PodAntiAffinity
            struct core.NodeAffinity
              RequiredDuringSchedulingIgnoredDuringExecution requiredDuringSchedulingIgnoredDuringExecution *core.NodeSelector
              PreferredDuringSchedulingIgnoredDuringExecution preferredDuringSchedulingIgnoredDuringExecution []core.PreferredSchedulingTerm
            struct core.NodeSelector
              NodeSelectorTerms nodeSelectorTerms []core.NodeSelectorTerm
            struct core.NodeSelectorTerm
              MatchExpressions matchExpressions []core.NodeSelectorRequirement
              MatchFields matchFields []core.NodeSelectorRequirement
            struct core.NodeSelectorRequirement
              Key key string
              Operator operator core.NodeSelectorOperator
              Values values []string
            struct core.PreferredSchedulingTerm
              Weight weight int32
              Preference preference core.NodeSelectorTerm
            struct core.PodAffinity
              RequiredDuringSchedulingIgnoredDuringExecution requiredDuringSchedulingIgnoredDuringExecution []core.PodAffinityTerm
              PreferredDuringSchedulingIgnoredDuringExecution preferredDuringSchedulingIgnoredDuringExecution []core.WeightedPodAffinityTerm
            struct core.PodAffinityTerm
              LabelSelector labelSelector *meta.LabelSelector
              Namespaces namespaces []string
              TopologyKey topologyKey string
              NamespaceSelector namespaceSelector *meta.LabelSelector
              MatchLabelKeys matchLabelKeys []string
              MismatchLabelKeys mismatchLabelKeys []string
            struct core.WeightedPodAffinityTerm
              Weight weight int32
              PodAffinityTerm podAffinityTerm core.PodAffinityTerm
            struct core.PodAntiAffinity
              RequiredDuringSchedulingIgnoredDuringExecution requiredDuringSchedulingIgnoredDuringExecution []core.PodAffinityTerm
              PreferredDuringSchedulingIgnoredDuringExecution preferredDuringSchedulingIgnoredDuringExecution []core.WeightedPodAffinityTerm
            struct core.Toleration
              Key key string
              Operator operator core.TolerationOperator
              Value value string
              Effect effect core.TaintEffect
              TolerationSeconds tolerationSeconds *int64
            struct core.HostAlias
              IP ip string
              Hostnames hostnames []string
            struct core.PodDNSConfig
              Nameservers nameservers []string
              Searches searches []string
              Options options []core.PodDNSConfigOption
            struct core.PodDNSConfigOption
              Name name string
              Value value *string
            struct core.PodReadinessGate
              ConditionType conditionType core.PodConditionType
            struct core.TopologySpreadConstraint
              MaxSkew maxSkew int32
              TopologyKey topologyKey string
              WhenUnsatisfiable whenUnsatisfiable core.UnsatisfiableConstraintAction
              LabelSelector labelSelector *meta.LabelSelector
              MinDomains minDomains *int32
              NodeAffinityPolicy nodeAffinityPolicy *core.NodeInclusionPolicy
              NodeTaintsPolicy nodeTaintsPolicy *core.NodeInclusionPolicy
              MatchLabelKeys matchLabelKeys []string
            struct core.PodOS
              Name name core.OSName
            struct core.PodSchedulingGate
              Name name string
            struct core.PodResourceClaim
              Name name string
              ResourceClaimName resourceClaimName *string
              ResourceClaimTemplateName resourceClaimTemplateName *string
            """;
}
