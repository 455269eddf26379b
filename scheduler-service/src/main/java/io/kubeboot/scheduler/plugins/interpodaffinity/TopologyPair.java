package io.kubeboot.scheduler.plugins.interpodaffinity;

/** A node label key and value: one topology domain, as upstream's {@code topologyPair}. */
record TopologyPair(String key, String value) {
}
