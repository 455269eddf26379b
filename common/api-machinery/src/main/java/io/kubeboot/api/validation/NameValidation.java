package io.kubeboot.api.validation;

import java.util.List;

/**
 * Name validation functions as upstream's {@code apimachinery/pkg/api/validation} name validators:
 * each returns the list of messages (empty when valid), e.g.
 * {@code a lowercase RFC 1123 subdomain must consist of ...}.
 */
public final class NameValidation {
    private NameValidation() {
    }

    /** A name validator; {@code prefix} is true when validating a generateName prefix. */
    @FunctionalInterface
    public interface NameValidator {
        List<String> validate(String name, boolean prefix);
    }

    public static List<String> dns1123Subdomain(String name, boolean prefix) {
        return Dns.isDns1123Subdomain(prefix ? Dns.maskTrailingDash(name) : name);
    }

    public static List<String> dns1123Label(String name, boolean prefix) {
        return Dns.isDns1123Label(prefix ? Dns.maskTrailingDash(name) : name);
    }

    public static List<String> dns1035Label(String name, boolean prefix) {
        return Dns.isDns1035Label(prefix ? Dns.maskTrailingDash(name) : name);
    }

    /** Path-segment names (events, and types whose names only need to fit a URL path). */
    public static List<String> pathSegmentName(String name, boolean prefix) {
        return Dns.isValidPathSegmentName(name, prefix);
    }
}
