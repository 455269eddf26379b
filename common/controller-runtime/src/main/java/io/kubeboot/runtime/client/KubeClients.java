package io.kubeboot.runtime.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.File;

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
     * URL over the kubeconfig's server, then user agent, request timeout and the client-side QPS/burst limit.
     */
    public static KubernetesClient create(ClientSettings settings) {
        return new KubernetesClientBuilder().withConfig(config(settings))
                .withHttpClientBuilderConsumer(b -> {
                    if (settings.qps() > 0) {
                        b.addOrReplaceInterceptor(Throttle.NAME, new Throttle(settings.qps(), settings.burst()));
                    }
                })
                .build();
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
        if (settings.requestTimeout() != null) {
            config.setRequestTimeout((int) Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis()));
        }
        return config;
    }
}
