package io.kubeboot.node.kubelet.env;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upstream pkg/api/v1/resource helpers_test TestExtractResourceValue and kubelet_resources_test defaulting. */
class ResourceFieldRefsTest {
    private static final Map<String, Quantity> ALLOCATABLE = Map.of(
            "cpu", new Quantity("6"), "memory", new Quantity("4Gi"), "ephemeral-storage", new Quantity("10Gi"));

    private static Container container(String kind, String resource, String amount) {
        Map<String, Quantity> list = new HashMap<>();
        if (!amount.isEmpty()) {
            list.put(resource, new Quantity(amount));
        }
        ContainerBuilder b = new ContainerBuilder().withName("c");
        return kind.equals("limits") ? b.withNewResources().withLimits(list).endResources().build()
                : b.withNewResources().withRequests(list).endResources().build();
    }

    @ParameterizedTest(name = "{0} {1}={2} / {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            limits.cpu                 | cpu               | 9      | ''    | 9
            requests.cpu               | cpu               | ''     | ''    | 0
            requests.cpu               | cpu               | 8      | ''    | 8
            requests.cpu               | cpu               | 100m   | ''    | 1
            requests.cpu               | cpu               | 1200m  | 100m  | 12
            requests.cpu               | cpu               | 1      | 1m    | 1000
            requests.memory            | memory            | 100Mi  | ''    | 104857600
            requests.memory            | memory            | 100Mi  | 1Mi   | 100
            limits.memory              | memory            | 10Gi   | 1Mi   | 10240
            limits.memory              | memory            | 1      | 1Ki   | 1
            requests.ephemeral-storage | ephemeral-storage | 1Gi    | 1Mi   | 1024
            limits.hugepages-2Mi       | hugepages-2Mi     | 4Mi    | 1Mi   | 4
            requests.hugepages-1Gi     | hugepages-1Gi     | 2Gi    | ''    | 2147483648
            """)
    void extractsAndRoundsUp(String field, String resource, String amount, String divisor, String expected) {
        String kind = field.substring(0, field.indexOf('.'));
        ResourceFieldSelector ref = new ResourceFieldSelector(null, divisor.isEmpty() ? null : new Quantity(divisor), field);
        assertThat(ResourceFieldRefs.extract(ref, container(kind, resource, amount))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            limits.cpu               | 6
            limits.memory            | 4294967296
            limits.ephemeral-storage | 10737418240
            requests.cpu             | 0
            """)
    void unsetLimitsReadAsNodeAllocatable(String field, String expected) {
        Container c = new ContainerBuilder().withName("c").build();
        Pod pod = new PodBuilder().withNewSpec().withContainers(c).endSpec().build();
        assertThat(ResourceFieldRefs.value(new ResourceFieldSelector(null, null, field), pod, c, ALLOCATABLE)).isEqualTo(expected);
    }

    @Test
    void zeroLimitIsDefaultedButSetLimitIsKept() {
        Container c = new ContainerBuilder().withName("c").withNewResources()
                .withLimits(Map.of("cpu", new Quantity("0"), "memory", new Quantity("1Gi"))).endResources().build();
        Pod pod = new PodBuilder().withNewSpec().withContainers(c).endSpec().build();
        assertThat(ResourceFieldRefs.value(new ResourceFieldSelector(null, null, "limits.cpu"), pod, c, ALLOCATABLE)).isEqualTo("6");
        assertThat(ResourceFieldRefs.value(new ResourceFieldSelector(null, new Quantity("1Mi"), "limits.memory"), pod, c, ALLOCATABLE)).isEqualTo("1024");
    }

    @Test
    void containerNamePicksAnotherContainer() {
        Container self = container("limits", "cpu", "1");
        Container other = new ContainerBuilder().withName("other").withNewResources()
                .withLimits(Map.of("memory", new Quantity("64Mi"))).endResources().build();
        Pod pod = new PodBuilder().withNewSpec().withContainers(self, other).endSpec().build();
        ResourceFieldSelector ref = new ResourceFieldSelector("other", new Quantity("1Mi"), "limits.memory");
        assertThat(ResourceFieldRefs.value(ref, pod, self, ALLOCATABLE)).isEqualTo("64");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown resource  | c       | limits.gpu | unsupported container resource : limits.gpu
            unknown container | missing | limits.cpu | container missing not found
            """)
    void errors(String name, String containerName, String field, String message) {
        Container c = new ContainerBuilder().withName("c").build();
        Pod pod = new PodBuilder().withNewSpec().withContainers(c).endSpec().build();
        assertThatThrownBy(() -> ResourceFieldRefs.value(new ResourceFieldSelector(containerName, null, field), pod, c, ALLOCATABLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
