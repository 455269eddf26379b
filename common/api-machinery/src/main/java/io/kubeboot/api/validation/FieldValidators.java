package io.kubeboot.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Field-level wrappers around the {@link Dns} string checks, producing {@link FieldErrors} the way
 * upstream's {@code pkg/apis/core/validation} helpers do ({@code ValidateDNS1123Label},
 * {@code ValidateQualifiedName}, {@code IsValidIP}, {@code ValidatePortNumOrName}, ...). Stateless.
 */
public final class FieldValidators {
    private static final String HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
    private static final Pattern HTTP_PATH = Pattern.compile("^" + HTTP_PATH_FMT + "$");

    private FieldValidators() {
    }

    public static FieldErrors dns1123Label(String value, FieldPath path) {
        return invalidEach(Dns.isDns1123Label(nz(value)), path, nz(value));
    }

    public static FieldErrors dns1123Subdomain(String value, FieldPath path) {
        return invalidEach(Dns.isDns1123Subdomain(nz(value)), path, nz(value));
    }

    public static FieldErrors qualifiedName(String value, FieldPath path) {
        return invalidEach(Dns.isQualifiedName(nz(value)), path, nz(value));
    }

    /** Upstream's label-value check as a field error per message; null counts as the empty string. */
    public static FieldErrors labelValue(String value, FieldPath path) {
        return invalidEach(Dns.isValidLabelValue(nz(value)), path, nz(value));
    }

    /** Runs a name validator (as used for metadata.name) on a reference to another object. */
    public static FieldErrors name(NameValidation.NameValidator fn, String value, FieldPath path) {
        return invalidEach(fn.validate(nz(value), false), path, nz(value));
    }

    /** Upstream {@code validation.IsValidIP(fldPath, value)}. */
    public static FieldErrors ip(String value, FieldPath path) {
        return invalidEach(Dns.isValidIp(nz(value)), path, nz(value));
    }

    /** Upstream {@code validation.IsValidCIDR(fldPath, value)}. */
    public static FieldErrors cidr(String value, FieldPath path) {
        return invalidEach(Dns.isValidCidr(nz(value)), path, nz(value));
    }

    /**
     * Upstream {@code ValidateNonSpecialIP}: no unspecified, loopback or link-local addresses, for
     * endpoints and external IPs.
     */
    public static FieldErrors nonSpecialIp(String value, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        IpAddress ip = IpAddress.parse(value);
        if (ip == null) {
            return errs.invalid(path, nz(value), "must be a valid IP address");
        }
        if (ip.isUnspecified()) {
            errs.invalid(path, value, "may not be unspecified (" + value + ")");
        }
        if (ip.isLoopback()) {
            errs.invalid(path, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
        }
        if (ip.isLinkLocalUnicast()) {
            errs.invalid(path, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        }
        if (ip.isLinkLocalMulticast()) {
            errs.invalid(path, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
        }
        return errs;
    }

    /** Upstream {@code ValidatePortNumOrName}: a number 1..65535 or an IANA service name. */
    public static FieldErrors portNumOrName(IntOrString port, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (port == null || (port.getIntVal() == null && port.getStrVal() == null)) {
            // upstream's zero IntOrString is the integer 0
            for (String msg : Dns.isValidPortNum(0)) {
                errs.invalid(path, 0, msg);
            }
            return errs;
        }
        if (port.getIntVal() != null) {
            for (String msg : Dns.isValidPortNum(port.getIntVal())) {
                errs.invalid(path, port.getIntVal(), msg);
            }
        } else {
            for (String msg : Dns.isValidPortName(port.getStrVal())) {
                errs.invalid(path, port.getStrVal(), msg);
            }
        }
        return errs;
    }

    /** Upstream {@code ValidateCSIDriverName}-style lower-cased subdomain check, reused for drivers. */
    public static FieldErrors lowerCaseSubdomain(String value, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        for (String msg : Dns.isDns1123Subdomain(nz(value).toLowerCase(Locale.ROOT))) {
            errs.invalid(path, nz(value), msg);
        }
        return errs;
    }

    /**
     * Upstream {@code IsDomainPrefixedPath}: a DNS subdomain, '/', and an HTTP path, as
     * {@code spec.managedBy} uses.
     */
    public static FieldErrors domainPrefixedPath(String value, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (value.isEmpty()) {
            return errs.required(path, "");
        }
        String[] segments = value.split("/", 2);
        if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
            return errs.invalid(path, value, "must be a domain-prefixed path (such as \"acme.io/foo\")");
        }
        errs.addAll(invalidEach(Dns.isDns1123Subdomain(segments[0]), path, segments[0]));
        if (!HTTP_PATH.matcher(segments[1]).matches()) {
            errs.invalid(path, segments[1], Dns.regexError("Invalid path", HTTP_PATH_FMT));
        }
        return errs;
    }

    /** One Invalid error at {@code path} per message, the way upstream turns string checks into field errors. */
    public static FieldErrors invalidEach(List<String> messages, FieldPath path, Object value) {
        FieldErrors errs = new FieldErrors();
        for (String msg : messages) {
            errs.invalid(path, value, msg);
        }
        return errs;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
