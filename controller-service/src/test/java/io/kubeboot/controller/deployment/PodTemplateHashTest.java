package io.kubeboot.controller.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PodTemplateHashTest {
    private final PodTemplateHash hash = PodTemplateHash.v1_32();

    private static PodTemplateSpec nginx(String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("app", "nginx")).endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage(image)
                .addNewPort().withContainerPort(80).withProtocol("TCP").endPort()
                .endContainer().endSpec().build();
    }

    @ParameterizedTest(name = "SafeEncodeString({0}) = {1}")
    @CsvSource({
            "0123456789, 456789bcdf",
            "1, 5",
            "'', ''",
            "4294967295, 86f8fbc6f9",
    })
    void safeEncodeStringMapsEachDigitToAConsonantOrDigit(String in, String out) {
        assertThat(PodTemplateHash.safeEncodeString(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "fnv32a({0}) = {1}")
    @CsvSource({
            // published FNV-1a 32-bit test vectors
            "'', 811c9dc5",
            "a, e40c292c",
            "foobar, bf9cf968",
    })
    void sum32IsFnv1a(String in, String hex) {
        assertThat(Integer.toHexString(PodTemplateHash.sum32(in, null))).isEqualTo(hex);
    }

    @Test
    void collisionCountIsHashedAsEightLittleEndianBytes() {
        int plain = PodTemplateHash.sum32("x", null);
        assertThat(PodTemplateHash.sum32("x", 0)).as("a count of 0 still adds 8 zero bytes").isNotEqualTo(plain);
        assertThat(PodTemplateHash.sum32("x", 1)).isNotEqualTo(PodTemplateHash.sum32("x", 2));
        assertThat(PodTemplateHash.sum32("x", 1)).isEqualTo(PodTemplateHash.sum32("x\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000", null));
    }

    @Test
    void encodeRendersTheUnsignedDecimal() {
        assertThat(PodTemplateHash.encode(-1)).isEqualTo(PodTemplateHash.safeEncodeString("4294967295"));
        assertThat(PodTemplateHash.encode(42)).isEqualTo("86");
    }

    @Test
    void dumpIsGoSpewOfTheGoStruct() {
        String dump = hash.dump(nginx("nginx:1.14.2"));
        assertThat(dump).startsWith("(v1.PodTemplateSpec){ObjectMeta:(v1.ObjectMeta){Name:(string) GenerateName:(string) "
                + "Namespace:(string) SelfLink:(string) UID:(types.UID) ResourceVersion:(string) Generation:(int64)0 "
                + "CreationTimestamp:(v1.Time){Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}} "
                + "DeletionTimestamp:(*v1.Time)<nil> DeletionGracePeriodSeconds:(*int64)<nil> "
                + "Labels:(map[string]string)map[app:nginx] Annotations:(map[string]string)<nil> "
                + "OwnerReferences:([]v1.OwnerReference)<nil> Finalizers:([]string)<nil> ManagedFields:([]v1.ManagedFieldsEntry)<nil>} "
                + "Spec:(v1.PodSpec){Volumes:([]v1.Volume)<nil> InitContainers:([]v1.Container)<nil> "
                + "Containers:([]v1.Container)[{Name:(string)nginx Image:(string)nginx:1.14.2 Command:([]string)<nil> "
                + "Args:([]string)<nil> WorkingDir:(string) Ports:([]v1.ContainerPort)[{Name:(string) HostPort:(int32)0 "
                + "ContainerPort:(int32)80 Protocol:(v1.Protocol)TCP HostIP:(string)}] EnvFrom:([]v1.EnvFromSource)<nil> ");
        assertThat(dump).contains(" Resources:(v1.ResourceRequirements){Limits:(v1.ResourceList)<nil> Requests:(v1.ResourceList)<nil> "
                + "Claims:([]v1.ResourceClaim)<nil>} ");
        assertThat(dump).contains(" LivenessProbe:(*v1.Probe)<nil> ");
        assertThat(dump).contains(" HostNetwork:(bool)false ");
        assertThat(dump).endsWith(" Resources:(*v1.ResourceRequirements)<nil>}}");
    }

    @Test
    void dumpRendersQuantitiesIntOrStringsAndPointers() {
        PodTemplateSpec t = new PodTemplateSpecBuilder(nginx("nginx")).editSpec().withTerminationGracePeriodSeconds(30L)
                .withNewSecurityContext().endSecurityContext()
                .editFirstContainer().withNewResources().addToLimits("cpu", new Quantity("100m")).addToLimits("memory", new Quantity("128Mi"))
                .endResources().withNewReadinessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString("http")).endHttpGet()
                .endReadinessProbe().endContainer().endSpec().build();
        String dump = hash.dump(t);
        assertThat(dump).contains("Limits:(v1.ResourceList)map[cpu:{i:(resource.int64Amount){value:(int64)100 scale:(resource.Scale)-3} "
                + "d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)100m Format:(resource.Format)DecimalSI} "
                + "memory:{i:(resource.int64Amount){value:(int64)134217728 scale:(resource.Scale)0} "
                + "d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string) Format:(resource.Format)BinarySI}]");
        assertThat(dump).contains("Port:(intstr.IntOrString){Type:(intstr.Type)1 IntVal:(int32)0 StrVal:(string)http}");
        assertThat(dump).contains("TerminationGracePeriodSeconds:(*int64)30 ");
        assertThat(dump).as("an empty object is a non-nil pointer to a zero struct")
                .contains("SecurityContext:(*v1.PodSecurityContext){SELinuxOptions:(*v1.SELinuxOptions)<nil> ");
    }

    @Test
    void hashDependsOnTemplateAndCollisionCount() {
        String a = hash.compute(nginx("nginx:1.14.2"), null);
        assertThat(a).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
        assertThat(hash.compute(nginx("nginx:1.14.2"), null)).isEqualTo(a);
        assertThat(hash.compute(nginx("nginx:1.16.1"), null)).isNotEqualTo(a);
        assertThat(hash.compute(nginx("nginx:1.14.2"), 1)).isNotEqualTo(a);
    }

    @Test
    void absentAndZeroValuesHashAlike() {
        PodTemplateSpec explicit = new PodTemplateSpecBuilder(nginx("nginx")).editSpec().withHostNetwork(false)
                .withVolumes(java.util.List.of()).endSpec().build();
        assertThat(hash.compute(explicit, null)).isEqualTo(hash.compute(nginx("nginx"), null));
    }
}
