package io.kubeboot.controller.cloud.provider;

/** Upstream {@code cloudprovider.Zones}. */
public interface Zones {
    /** Upstream {@code GetZone}: the zone of the host running the controllers. */
    Zone getZone();

    Zone getZoneByProviderId(String providerId);

    Zone getZoneByNodeName(String nodeName);

    /** Upstream {@code cloudprovider.Zone}. */
    record Zone(String failureDomain, String region) {
    }
}
