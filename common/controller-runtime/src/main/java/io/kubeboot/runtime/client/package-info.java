/**
 * Clients for the apiserver: {@link io.kubeboot.runtime.client.ClientSettings} (master URL, kubeconfig, QPS/burst,
 * user agent, request timeout; from the environment or bound by the service) and
 * {@link io.kubeboot.runtime.client.KubeClients#create}. Plain Java: services bind the settings themselves.
 */
package io.kubeboot.runtime.client;
