package io.kubeboot.apiserver.registry.replicasets;

import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Upstream {@code validation.IsQualifiedName}, {@code IsValidLabelValue} and
 * {@code IsDomainPrefixedPath} with their messages, for the few non-label fields that use them
 * (condition types, managedBy, appProtocol, lease strategies).
 */
public final class QualifiedNames {
    private static final String QNAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern QNAME = Pattern.compile("^" + QNAME_FMT + "$");
    private static final String QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final String HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
    private static final Pattern HTTP_PATH = Pattern.compile("^" + HTTP_PATH_FMT + "$");

    private QualifiedNames() {
    }

    public static List<String> isQualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String m : Dns.isDns1123Subdomain(prefix)) {
                    errs.add("prefix part " + m);
                }
            }
        } else {
            errs.add("a qualified name " + Dns.regexError(QNAME_MSG, QNAME_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part " + Dns.maxLenError(63));
        }
        if (!QNAME.matcher(name).matches()) {
            errs.add("name part " + Dns.regexError(QNAME_MSG, QNAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    /** Upstream {@code ValidateQualifiedName}: one Invalid per message. */
    public static void validate(String value, FieldPath path, FieldErrors errs) {
        for (String m : isQualifiedName(value)) {
            errs.invalid(path, value, m);
        }
    }

    public static List<String> isValidLabelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(Dns.maxLenError(63));
        }
        if (!value.isEmpty() && !QNAME.matcher(value).matches()) {
            errs.add(Dns.regexError("a valid label must be an empty string or consist of alphanumeric characters, "
                    + "'-', '_' or '.', and must start and end with an alphanumeric character",
                    "(" + QNAME_FMT + ")?", "MyValue", "my_value", "12345"));
        }
        return errs;
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
