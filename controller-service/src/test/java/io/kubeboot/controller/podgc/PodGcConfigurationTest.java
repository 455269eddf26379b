package io.kubeboot.controller.podgc;

import io.kubeboot.controller.manager.ControllerDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The pod GC registers itself with the manager, its settings bound from {@code kubeboot.controllers.podgc.*}. */
class PodGcConfigurationTest {
    @Test
    void registersADescriptorWithBoundSettings() {
        new ApplicationContextRunner().withUserConfiguration(PodGcConfiguration.class)
                .withPropertyValues("kubeboot.controllers.podgc.terminated-pod-gc-threshold=7",
                        "kubeboot.controllers.podgc.quarantine-time=5s")
                .run(ctx -> {
                    assertThat(ctx.getBean(ControllerDescriptor.class).name()).isEqualTo("podgc");
                    assertThat(ctx.getBean(ControllerDescriptor.class).disabledByDefault()).isFalse();
                    PodGcProperties props = ctx.getBean(PodGcProperties.class);
                    assertThat(props.getTerminatedPodGcThreshold()).isEqualTo(7);
                    assertThat(props.getQuarantineTime()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(props.getGcCheckPeriod()).as("upstream default").isEqualTo(Duration.ofSeconds(20));
                });
    }
}
