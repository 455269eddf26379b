package io.kubeboot.store;

/**
 * A unique value an object holds while it exists, such as a Service's ClusterIP or NodePort. Claims are
 * taken and released in the same atomic step as the object write, so a value is never held by two
 * objects and never leaks when a write fails.
 *
 * @param index the claim namespace, e.g. "clusterip"
 * @param value the claimed value, e.g. "10.96.0.10"
 */
public record Claim(String index, String value) {
}
