package io.kubeboot.apiserver.openapi;

import java.util.Map;

/**
 * The upstream OpenAPI schema name of a fabric8 model class: the Go package path reversed plus the
 * type name, e.g. {@code io.fabric8.kubernetes.api.model.apps.Deployment} is
 * {@code io.k8s.api.apps.v1.Deployment} and {@code io.fabric8.kubernetes.api.model.ObjectMeta} is
 * {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}.
 *
 * <p>fabric8 puts core/v1 and the apimachinery types into one Java package; the Go type catalogue
 * of {@link UpstreamTypes} decides which Go package a class of that Java package belongs to.
 *
 * <p>Immutable; thread safe.
 */
final class SchemaNames {
    private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final String CORE = "io.k8s.api.core.v1.";

    /** fabric8 packages that do not follow model.&lt;group&gt;.&lt;version&gt;. */
    private static final Map<String, String> PACKAGES = Map.of(
            FABRIC8 + ".apps", "io.k8s.api.apps.v1.",
            FABRIC8 + ".runtime", "io.k8s.apimachinery.pkg.runtime.");

    private static final Map<String, String> SPECIAL = Map.of(
            "io.fabric8.kubernetes.api.model.Quantity", "io.k8s.apimachinery.pkg.api.resource.Quantity",
            "io.fabric8.kubernetes.api.model.IntOrString", "io.k8s.apimachinery.pkg.util.intstr.IntOrString");

    private final UpstreamTypes upstream;

    SchemaNames(UpstreamTypes upstream) {
        this.upstream = upstream;
    }

    String of(Class<?> modelClass) {
        String special = SPECIAL.get(modelClass.getName());
        if (special != null) {
            return special;
        }
        String pkg = modelClass.getPackageName();
        String simple = modelClass.getSimpleName();
        if (pkg.equals(FABRIC8)) {
            // Only List and Preconditions exist in both Go packages; fabric8's are the meta/v1 ones.
            if (upstream.exists(META + simple)) {
                return META + simple;
            }
            return CORE + simple;
        }
        String mapped = PACKAGES.get(pkg);
        if (mapped != null) {
            return mapped + simple;
        }
        if (pkg.startsWith(FABRIC8 + ".")) {
            // model.batch.v1 -> io.k8s.api.batch.v1
            return "io.k8s.api." + pkg.substring(FABRIC8.length() + 1) + "." + simple;
        }
        return modelClass.getName();
    }
}
