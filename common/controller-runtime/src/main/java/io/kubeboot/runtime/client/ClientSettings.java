package io.kubeboot.runtime.client;

import java.io.File;
import java.time.Duration;
import java.util.Map;

/**
 * How a component reaches the apiserver, as client-go's {@code rest.Config} built from
 * {@code --master}/{@code --kubeconfig} plus the client's QPS, burst, user agent and timeout. Immutable. A record
 * so services can bind it with {@code @ConfigurationProperties} (missing values arrive as null/0 and get the
 * defaults below).
 *
 * @param masterUrl      the apiserver URL; overrides the kubeconfig's server. Default, when there is no kubeconfig
 *                       either: {@value #DEFAULT_MASTER_URL}
 * @param kubeconfig     path of a kubeconfig file (its current context is used); none by default
 * @param qps            sustained requests per second, client side; 0 means the default {@value #DEFAULT_QPS}
 *                       (as client-go), negative means no limit
 * @param burst          requests allowed at once above {@code qps}; 0 means the default {@value #DEFAULT_BURST}
 * @param userAgent      the User-Agent header; default fabric8's
 * @param requestTimeout timeout of one (non-watch) request; default fabric8's 10 seconds
 */
public record ClientSettings(String masterUrl, String kubeconfig, float qps, int burst, String userAgent,
                             Duration requestTimeout) {
    public static final String DEFAULT_MASTER_URL = "http://127.0.0.1:6443";
    /** client-go's rest.DefaultQPS. */
    public static final float DEFAULT_QPS = 5;
    /** client-go's rest.DefaultBurst. */
    public static final int DEFAULT_BURST = 10;
    public static final String ENV_APISERVER_URL = "KUBEBOOT_APISERVER_URL";
    public static final String ENV_KUBECONFIG = "KUBECONFIG";

    public ClientSettings {
        masterUrl = blankToNull(masterUrl);
        kubeconfig = blankToNull(kubeconfig);
        userAgent = blankToNull(userAgent);
        if (masterUrl == null && kubeconfig == null) {
            masterUrl = DEFAULT_MASTER_URL;
        }
        if (qps == 0) {
            qps = DEFAULT_QPS;
        }
        if (burst == 0) {
            burst = DEFAULT_BURST;
        }
        if (requestTimeout != null && (requestTimeout.isNegative() || requestTimeout.isZero())) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
    }

    /** The defaults: {@value #DEFAULT_MASTER_URL}, 5 qps, burst 10. */
    public static ClientSettings defaults() {
        return new ClientSettings(null, null, 0, 0, null, null);
    }

    /** From {@code KUBEBOOT_APISERVER_URL} and {@code KUBECONFIG} of this process's environment. */
    public static ClientSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * From {@code KUBEBOOT_APISERVER_URL} and {@code KUBECONFIG} of {@code env}. Of a KUBECONFIG list only the
     * first entry is used (no merging, unlike kubectl).
     */
    public static ClientSettings fromEnvironment(Map<String, String> env) {
        String kubeconfig = blankToNull(env.get(ENV_KUBECONFIG));
        if (kubeconfig != null) {
            kubeconfig = blankToNull(kubeconfig.split(File.pathSeparator, -1)[0]);
        }
        return new ClientSettings(env.get(ENV_APISERVER_URL), kubeconfig, 0, 0, null, null);
    }

    public ClientSettings withMasterUrl(String url) {
        return new ClientSettings(url, kubeconfig, qps, burst, userAgent, requestTimeout);
    }

    /** QPS and burst, e.g. (50, 100) as kube-scheduler's defaults. */
    public ClientSettings withRateLimit(float qps, int burst) {
        return new ClientSettings(masterUrl, kubeconfig, qps, burst, userAgent, requestTimeout);
    }

    public ClientSettings withUserAgent(String userAgent) {
        return new ClientSettings(masterUrl, kubeconfig, qps, burst, userAgent, requestTimeout);
    }

    public ClientSettings withRequestTimeout(Duration timeout) {
        return new ClientSettings(masterUrl, kubeconfig, qps, burst, userAgent, timeout);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
