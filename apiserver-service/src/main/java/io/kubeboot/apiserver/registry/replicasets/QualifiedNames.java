package io.kubeboot.apiserver.registry.replicasets;

import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Qualified-name style checks for non-label fields (condition types, managedBy, appProtocol, lease
 * strategies): upstream {@code ValidateQualifiedName} and {@code IsDomainPrefixedPath}.
 */
public final class QualifiedNames {
    private static final String HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
    private static final Pattern HTTP_PATH = Pattern.compile("^" + HTTP_PATH_FMT + "$");

    private QualifiedNames() {
    }

    public static List<String> isQualifiedName(String value) {
        return Dns.isQualifiedName(value);
    }

    /** Upstream {@code ValidateQualifiedName}: one Invalid per message. */
    public static void validate(String value, FieldPath path, FieldErrors errs) {
        for (String m : isQualifiedName(value)) {
            errs.invalid(path, value, m);
        }
    }

    public static List<String> isValidLabelValue(String value) {
        return Dns.isValidLabelValue(value);
    }

    /** Upstream {@code IsDomainPrefixedPath}. */
    public static void domainPrefixedPath(String value, FieldPath path, FieldErrors errs) {
        if (value.isEmpty()) {
            errs.required(path, "");
            return;
        }
        String[] segments = value.split("/", 2);
        if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
            errs.invalid(path, value, "must be a domain-prefixed path (such as \"acme.io/foo\")");
            return;
        }
        for (String m : Dns.isDns1123Subdomain(segments[0])) {
            errs.invalid(path, segments[0], m);
        }
        if (!HTTP_PATH.matcher(segments[1]).matches()) {
            errs.invalid(path, segments[1], Dns.regexError("Invalid path", HTTP_PATH_FMT));
        }
    }
}
