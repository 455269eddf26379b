package io.kubeboot.runtime.client;

import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.io.File;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds fabric8 clients from {@link ClientSettings}, on fabric8's Vert.x 5 HTTP client: the JDK client hands every
 * request and response between pooled threads, which cost the scheduler a fifth of its CPU in the benchmark.
 */
public final class KubeClients {
    private KubeClients() {
    }

    /**
     * A new client; the caller closes it. Nothing is read from {@code ~/.kube/config}, system properties or the
     * environment except what {@code settings} says: a kubeconfig when given (its current context), the master
     * URL over the kubeconfig's server, then user agent, request timeout and the client-side QPS/burst limit. The
     * request timeout is applied by {@link RequestTimeout}, not by fabric8's timer (its config says 0).
     */
    public static KubernetesClient create(ClientSettings settings) {
        return new KubernetesClientBuilder().withConfig(config(settings)).withKubernetesSerialization(serialization())
                .withHttpClientBuilderConsumer(b -> {
                    if (settings.qps() > 0) {
                        b.addOrReplaceInterceptor(Throttle.NAME, new Throttle(settings.qps(), settings.burst()));
                    }
                    b.addOrReplaceInterceptor(RequestTimeout.NAME, new RequestTimeout(requestTimeout(settings)));
                })
                .build();
    }

    /**
     * fabric8's serialization as its default one (the same mapper defaults and modules), except that watch events
     * are read by {@link WatchEventDeserializer}.
     */
    static KubernetesSerialization serialization() {
        // the deserializer looks kinds up in the serialization its mapper goes into
        AtomicReference<KubernetesSerialization> self = new AtomicReference<>();
        SimpleModule watchEvents = new SimpleModule("kubeboot-watch-events").addDeserializer(WatchEvent.class,
                new WatchEventDeserializer((apiVersion, kind) -> self.get().getRegisteredKubernetesResource(apiVersion, kind)));
        KubernetesSerialization serialization = new KubernetesSerialization(JsonMapper.builderWithJackson2Defaults()
                .addModule(new Jackson2JdkTypesModule()).addModule(watchEvents).build(), true);
        self.set(serialization);
        return serialization;
    }

    static Config config(ClientSettings settings) {
        Config config = settings.kubeconfig() != null
                ? Config.fromKubeconfig(null, new File(settings.kubeconfig()))
                : Config.empty();
        if (settings.masterUrl() != null) {
            config.setMasterUrl(settings.masterUrl());
        }
        if (settings.userAgent() != null) {
            config.setUserAgent(settings.userAgent());
        }
        // no fabric8 timer per request: RequestTimeout hands the timeout to the HTTP client
        config.setRequestTimeout(0);
        return config;
    }

    /** The settings' request timeout, else fabric8's default. */
    static Duration requestTimeout(ClientSettings settings) {
        return settings.requestTimeout() != null ? settings.requestTimeout() : Duration.ofMillis(Config.DEFAULT_REQUEST_TIMEOUT);
    }
}
