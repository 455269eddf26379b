package io.kubeboot.apiserver.registry.pods;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldError;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.kubeboot.apiserver.registry.pods.PodDefaults.nn;

/**
 * Pod and container security contexts as upstream's {@code validatePodSpecSecurityContext} and
 * {@code ValidateSecurityContext}: user/group ranges, sysctls, seccomp and AppArmor profiles.
 * Privileged containers are allowed, as with {@code --allow-privileged=true}.
 */
final class SecurityContextValidation {
    private SecurityContextValidation() {
    }

    private static final String SYSCTL_SEGMENT = "[a-z0-9]([-_a-z0-9]*[a-z0-9])?";
    private static final String SYSCTL_FMT = "(" + SYSCTL_SEGMENT + "[\\./])*" + SYSCTL_SEGMENT;
    private static final Pattern SYSCTL = Pattern.compile("^" + SYSCTL_FMT + "$");

    static FieldErrors validatePod(PodSecurityContext sc, boolean hostNetwork, boolean hostIpc, boolean hostPid,
                                   Boolean shareProcessNamespace, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (sc == null) {
            return errs;
        }
        if (sc.getFsGroup() != null) {
            errs.addAll(FieldValidators.invalidEach(Dns.isValidUserId(sc.getFsGroup()),
                    path.child("fsGroup"), sc.getFsGroup()));
        }
        if (sc.getRunAsUser() != null) {
            errs.addAll(FieldValidators.invalidEach(Dns.isValidUserId(sc.getRunAsUser()),
                    path.child("runAsUser"), sc.getRunAsUser()));
        }
        if (sc.getRunAsGroup() != null) {
            errs.addAll(FieldValidators.invalidEach(Dns.isValidUserId(sc.getRunAsGroup()),
                    path.child("runAsGroup"), sc.getRunAsGroup()));
        }
        List<Long> groups = nn(sc.getSupplementalGroups());
        for (int g = 0; g < groups.size(); g++) {
            errs.addAll(FieldValidators.invalidEach(Dns.isValidUserId(groups.get(g)),
                    path.child("supplementalGroups").index(g), groups.get(g)));
        }
        if (Boolean.TRUE.equals(shareProcessNamespace) && hostPid) {
            errs.invalid(path.child("shareProcessNamespace"), true, "ShareProcessNamespace and HostPID cannot both be enabled");
        }
        List<Sysctl> sysctls = nn(sc.getSysctls());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sysctls.size(); i++) {
            String name = sysctls.get(i).getName() == null ? "" : sysctls.get(i).getName();
            FieldPath np = path.child("sysctls").index(i).child("name");
            if (name.isEmpty()) {
                errs.required(np, "");
            } else if (name.length() > 253 || !SYSCTL.matcher(name).matches()) {
                errs.invalid(np, name, "must have at most 253 characters and match regex " + SYSCTL.pattern());
            } else if (names.contains(name)) {
                errs.duplicate(np, name);
            }
            if (hostNetwork && name.startsWith("net.")) {
                errs.invalid(np, name, "may not be specified when 'hostNetwork' is true");
            } else if (hostIpc && (name.startsWith("kernel.sem") || name.startsWith("kernel.shm")
                    || name.startsWith("kernel.msg") || name.startsWith("fs.mqueue."))) {
                errs.invalid(np, name, "may not be specified when 'hostIPC' is true");
            }
            names.add(name);
        }
        if (sc.getFsGroupChangePolicy() != null && !Set.of("OnRootMismatch", "Always").contains(sc.getFsGroupChangePolicy())) {
            errs.notSupported(path.child("fsGroupChangePolicy"), sc.getFsGroupChangePolicy(), List.of("Always", "OnRootMismatch"));
        }
        errs.addAll(seccomp(sc.getSeccompProfile(), path.child("seccompProfile")));
        errs.addAll(appArmor(sc.getAppArmorProfile(), path.child("appArmorProfile")));
        if (sc.getSupplementalGroupsPolicy() != null && !Set.of("Merge", "Strict").contains(sc.getSupplementalGroupsPolicy())) {
            errs.notSupported(path.child("supplementalGroupsPolicy"), sc.getSupplementalGroupsPolicy(), List.of("Merge", "Strict"));
        }
        if (sc.getSeLinuxChangePolicy() != null && !Set.of("Recursive", "MountOption").contains(sc.getSeLinuxChangePolicy())) {
            errs.notSupported(path.child("seLinuxChangePolicy"), sc.getSeLinuxChangePolicy(), List.of("MountOption", "Recursive"));
        }
        return errs;
    }

    static FieldErrors validateContainer(SecurityContext sc, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (sc == null) {
            return errs;
        }
        if (sc.getRunAsUser() != null) {
            errs.addAll(FieldValidators.invalidEach(Dns.isValidUserId(sc.getRunAsUser()),
                    path.child("runAsUser"), sc.getRunAsUser()));
        }
        if (sc.getRunAsGroup() != null) {
            errs.addAll(FieldValidators.invalidEach(Dns.isValidUserId(sc.getRunAsGroup()),
                    path.child("runAsGroup"), sc.getRunAsGroup()));
        }
        if (sc.getProcMount() != null) {
            if (!Set.of("Default", "Unmasked").contains(sc.getProcMount())) {
                errs.notSupported(path.child("procMount"), sc.getProcMount(), List.of("Default", "Unmasked"));
            }
        }
        errs.addAll(seccomp(sc.getSeccompProfile(), path.child("seccompProfile")));
        if (Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                errs.invalid(path, FieldError.OMIT, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true");
            }
            if (sc.getCapabilities() != null && nn(sc.getCapabilities().getAdd()).contains("CAP_SYS_ADMIN")) {
                errs.invalid(path, FieldError.OMIT,
                        "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN");
            }
        }
        errs.addAll(appArmor(sc.getAppArmorProfile(), path.child("appArmorProfile")));
        return errs;
    }

    private static FieldErrors seccomp(SeccompProfile sp, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (sp == null) {
            return errs;
        }
        String type = sp.getType() == null ? "" : sp.getType();
        switch (type) {
            case "Localhost", "RuntimeDefault", "Unconfined" -> {
            }
            case "" -> errs.required(path.child("type"), "type is required when seccompProfile is set");
            default -> errs.notSupported(path.child("type"), type, List.of("Localhost", "RuntimeDefault", "Unconfined"));
        }
        if (type.equals("Localhost")) {
            if (sp.getLocalhostProfile() == null) {
                errs.required(path.child("localhostProfile"), "must be set when seccomp type is Localhost");
            } else {
                errs.addAll(VolumeValidation.localDescendingPath(sp.getLocalhostProfile(), path.child("localhostProfile")));
            }
        } else if (sp.getLocalhostProfile() != null) {
            errs.invalid(path.child("localhostProfile"), FieldError.OMIT, "can only be set when seccomp type is Localhost");
        }
        return errs;
    }

    private static FieldErrors appArmor(AppArmorProfile p, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (p == null) {
            return errs;
        }
        String type = p.getType() == null ? "" : p.getType();
        switch (type) {
            case "Localhost" -> {
                String local = p.getLocalhostProfile();
                if (local == null || local.isBlank()) {
                    errs.required(path.child("localhostProfile"), "must be set when AppArmor type is Localhost");
                } else if (!local.strip().equals(local)) {
                    errs.invalid(path.child("localhostProfile"), local, "must not be padded with whitespace");
                }
            }
            case "RuntimeDefault", "Unconfined" -> {
                if (p.getLocalhostProfile() != null) {
                    errs.invalid(path.child("localhostProfile"), p.getLocalhostProfile(),
                            "can only be set when AppArmor type is Localhost");
                }
            }
            case "" -> errs.required(path.child("type"), "type is required when appArmorProfile is set");
            default -> errs.notSupported(path.child("type"), type, List.of("Localhost", "RuntimeDefault", "Unconfined"));
        }
        return errs;
    }
}
