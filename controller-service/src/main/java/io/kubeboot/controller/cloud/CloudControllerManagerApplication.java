package io.kubeboot.controller.cloud;

import io.kubeboot.controller.admin.HealthController;
import io.kubeboot.controller.cloud.manager.CloudControllerConfiguration;
import io.kubeboot.controller.config.ControllerManagerConfiguration;
import io.kubeboot.controller.config.ControllerManagerProperties;
import io.kubeboot.runtime.jvm.CommonPool;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import java.util.Map;

/**
 * cloud-controller-manager as its own process: only the cloud controllers (under their Lease
 * {@code kube-system/cloud-controller-manager}), health on port 10258 (upstream's secure port). Deliberately not a
 * {@code @SpringBootApplication}: controller-service's component scan must not pick it up, and the executable jar's
 * main class stays {@code ControllerManagerApplication}. Run it with
 * {@code java -cp controller-service.jar -Dloader.main=io.kubeboot.controller.cloud.CloudControllerManagerApplication
 * org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class CloudControllerManagerApplication {
    /**
     * Settings that differ from controller-service's: above application.yaml, below command line and environment.
     * The kube-controller-manager Lease is not used (the group campaigns for its own).
     */
    static final Map<String, Object> OVERRIDES = Map.of(
            "server.port", "10258",
            "spring.application.name", "cloud-controller-manager",
            "management.metrics.tags.application", "cloud-controller-manager",
            "kubeboot.controllers.leader-election.enabled", "false",
            "kubeboot.controllers.controllers", "cloud-controller-manager",
            "kubeboot.cloud.enabled", "true");

    private CloudControllerManagerApplication() {
    }

    public static void main(String[] args) {
        CommonPool.ensureParallelism();
        run(args);
    }

    /** Starts the process's context (closing it stops the controllers and releases the lease). */
    public static ConfigurableApplicationContext run(String... args) {
        return application().run(args);
    }

    static SpringApplication application() {
        SpringApplication app = new SpringApplication(Standalone.class);
        app.addInitializers(new Overrides());
        return app;
    }

    /** The wiring: the manager's client, informers and lifecycle with only the cloud group. Not a component. */
    @EnableAutoConfiguration
    @EnableConfigurationProperties(ControllerManagerProperties.class)
    @Import({ControllerManagerConfiguration.class, CloudControllerConfiguration.class, HealthController.class})
    static class Standalone {
    }

    /** Puts {@link #OVERRIDES} just above the application.yaml sources. */
    static final class Overrides implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource overrides = new MapPropertySource("cloudControllerManagerOverrides", OVERRIDES);
            for (PropertySource<?> s : sources) {
                if (s.getName().contains("application.")) {
                    sources.addBefore(s.getName(), overrides);
                    return;
                }
            }
            sources.addLast(overrides);
        }
    }
}
