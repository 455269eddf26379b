package io.kubeboot.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string-format checks of upstream's {@code apimachinery/pkg/util/validation}, with the same
 * messages, because kubectl users read them.
 */
public final class Dns {
    private Dns() {
    }

    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile("^" + DNS1123_LABEL_FMT + "$");
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN_FMT + "$");
    private static final Pattern DNS1035_LABEL = Pattern.compile("^" + DNS1035_LABEL_FMT + "$");

    public static final int DNS1123_LABEL_MAX_LENGTH = 63;
    public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
    public static final int DNS1035_LABEL_MAX_LENGTH = 63;

    public static List<String> isDns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_LABEL_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_LABEL_MAX_LENGTH));
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
                // a valid subdomain but not a label: with the length already checked, it must be the dots
                errs.add("must not contain dots");
                return errs;
            }
            errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                    + "and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
        }
        return errs;
    }

    public static List<String> isDns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                            + "'-' or '.', and must start and end with an alphanumeric character",
                    DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    public static List<String> isDns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1035_LABEL_MAX_LENGTH) {
            errs.add(maxLenError(DNS1035_LABEL_MAX_LENGTH));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                    + "start with an alphabetic character, and end with an alphanumeric character",
                    DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    private static final String QNAME_CHAR_FMT = "[A-Za-z0-9]";
    private static final String QNAME_EXT_CHAR_FMT = "[-A-Za-z0-9_.]";
    private static final String QUALIFIED_NAME_FMT = "(" + QNAME_CHAR_FMT + QNAME_EXT_CHAR_FMT + "*)?" + QNAME_CHAR_FMT;
    private static final String QUALIFIED_NAME_ERR_MSG = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^" + QUALIFIED_NAME_FMT + "$");
    public static final int QUALIFIED_NAME_MAX_LENGTH = 63;

    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final String LABEL_VALUE_ERR_MSG = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final Pattern LABEL_VALUE = Pattern.compile("^" + LABEL_VALUE_FMT + "$");
    public static final int LABEL_VALUE_MAX_LENGTH = 63;

    private static final String C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern C_IDENTIFIER = Pattern.compile("^" + C_IDENTIFIER_FMT + "$");

    private static final Pattern PORT_NAME_CHARSET = Pattern.compile("^[-a-z0-9]+$");
    private static final Pattern PORT_NAME_ONE_LETTER = Pattern.compile("[a-z]");

    private static final String PERCENT_FMT = "[0-9]+%";
    private static final Pattern PERCENT = Pattern.compile("^" + PERCENT_FMT + "$");

    private static final String HTTP_HEADER_NAME_FMT = "[-A-Za-z0-9]+";
    private static final Pattern HTTP_HEADER_NAME = Pattern.compile("^" + HTTP_HEADER_NAME_FMT + "$");

    private static final String ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private static final Pattern ENV_VAR_NAME = Pattern.compile("^" + ENV_VAR_NAME_FMT + "$");

    private static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile("^" + CONFIG_MAP_KEY_FMT + "$");

    private static final String WILDCARD_DNS1123_SUBDOMAIN_FMT = "\\*\\." + DNS1123_SUBDOMAIN_FMT;
    private static final Pattern WILDCARD_DNS1123_SUBDOMAIN = Pattern.compile("^" + WILDCARD_DNS1123_SUBDOMAIN_FMT + "$");

    /**
     * Upstream {@code IsQualifiedName}: an optional DNS-subdomain prefix and '/', then a name of at most
     * 63 characters, as label keys, annotation keys and finalizers use.
     */
    public static List<String> isQualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        switch (parts.length) {
            case 1 -> name = parts[0];
            case 2 -> {
                String prefix = parts[0];
                name = parts[1];
                if (prefix.isEmpty()) {
                    errs.add("prefix part " + emptyError());
                } else {
                    for (String msg : isDns1123Subdomain(prefix)) {
                        errs.add("prefix part " + msg);
                    }
                }
            }
            default -> {
                errs.add("a qualified name " + regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT,
                        "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
            }
        }
        if (name.isEmpty()) {
            errs.add("name part " + emptyError());
        } else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
            errs.add("name part " + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    /** Upstream {@code IsValidLabelValue}: empty, or a name part of at most 63 characters. */
    public static List<String> isValidLabelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) {
            errs.add(maxLenError(LABEL_VALUE_MAX_LENGTH));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** Upstream {@code IsWildcardDNS1123Subdomain}: {@code *.example.com}. */
    public static List<String> isWildcardDns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!WILDCARD_DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, "
                            + "which must consist of lower case alphanumeric characters, '-' or '.' and end with an "
                            + "alphanumeric character",
                    WILDCARD_DNS1123_SUBDOMAIN_FMT, "*.example.com"));
        }
        return errs;
    }

    /** Upstream {@code IsCIdentifier}. */
    public static List<String> isCIdentifier(String value) {
        if (!C_IDENTIFIER.matcher(value).matches()) {
            return List.of(regexError("a valid C identifier must start with alphabetic character or '_', followed by "
                    + "a string of alphanumeric characters or '_'", C_IDENTIFIER_FMT, "my_name", "MY_NAME", "MyName"));
        }
        return List.of();
    }

    /** Upstream {@code IsValidPortNum}: 1..65535. */
    public static List<String> isValidPortNum(long port) {
        return isInRange(port, 1, 65535);
    }

    public static List<String> isInRange(long value, long min, long max) {
        if (value >= min && value <= max) {
            return List.of();
        }
        return List.of(inclusiveRangeError(min, max));
    }

    /** Upstream {@code IsValidUserID} / {@code IsValidGroupID}: 0..2^31-1. */
    public static List<String> isValidUserId(long id) {
        return isInRange(id, 0, Integer.MAX_VALUE);
    }

    /** Upstream {@code IsValidPortName} (IANA_SVC_NAME): at most 15 of [-a-z0-9], one letter, no '--', no edge '-'. */
    public static List<String> isValidPortName(String port) {
        List<String> errs = new ArrayList<>();
        if (byteLength(port) > 15) {
            errs.add(maxLenError(15));
        }
        if (!PORT_NAME_CHARSET.matcher(port).matches()) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!PORT_NAME_ONE_LETTER.matcher(port).find()) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    /** Upstream {@code IsValidPercent}. */
    public static List<String> isValidPercent(String percent) {
        if (!PERCENT.matcher(percent).matches()) {
            return List.of(regexError("a valid percent string must be a numeric string followed by an ending '%'",
                    PERCENT_FMT, "1%", "93%"));
        }
        return List.of();
    }

    /** Upstream {@code IsHTTPHeaderName}. */
    public static List<String> isHttpHeaderName(String value) {
        if (!HTTP_HEADER_NAME.matcher(value).matches()) {
            return List.of(regexError("a valid HTTP header must consist of alphanumeric characters or '-'",
                    HTTP_HEADER_NAME_FMT, "X-Header-Name"));
        }
        return List.of();
    }

    /** Upstream {@code IsEnvVarName} (the strict form, before RelaxedEnvironmentVariableValidation). */
    public static List<String> isEnvVarName(String value) {
        List<String> errs = new ArrayList<>();
        if (!ENV_VAR_NAME.matcher(value).matches()) {
            errs.add(regexError("a valid environment variable name must consist of alphabetic characters, digits, "
                            + "'_', '-', or '.', and must not start with a digit",
                    ENV_VAR_NAME_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        }
        errs.addAll(hasChDirPrefix(value));
        return errs;
    }

    /** Upstream {@code IsRelaxedEnvVarName}: printable ASCII other than '='. */
    public static List<String> isRelaxedEnvVarName(String value) {
        List<String> errs = new ArrayList<>();
        if (value.isEmpty()) {
            errs.add("environment variable name " + emptyError());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7e || c < 0x20 || c == '=') {
                errs.add("a valid environment variable name must consist only of printable ASCII characters other "
                        + "than '='");
                break;
            }
        }
        return errs;
    }

    /** Upstream {@code IsConfigMapKey}: keys of ConfigMap and Secret data, and of projected items. */
    public static List<String> isConfigMapKey(String value) {
        List<String> errs = new ArrayList<>();
        if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!CONFIG_MAP_KEY.matcher(value).matches()) {
            errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                    CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
        }
        errs.addAll(hasChDirPrefix(value));
        return errs;
    }

    /** Upstream {@code IsValidIP}'s message (the field error itself is built by the caller). */
    public static List<String> isValidIp(String value) {
        if (IpAddress.parse(value) == null) {
            return List.of("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        }
        return List.of();
    }

    public static List<String> isValidIpv4Address(String value) {
        IpAddress ip = IpAddress.parse(value);
        if (ip == null || !ip.isIpv4()) {
            return List.of("must be a valid IPv4 address");
        }
        return List.of();
    }

    public static List<String> isValidIpv6Address(String value) {
        IpAddress ip = IpAddress.parse(value);
        if (ip == null || ip.isIpv4()) {
            return List.of("must be a valid IPv6 address");
        }
        return List.of();
    }

    public static List<String> isValidCidr(String value) {
        if (IpAddress.parseCidr(value) == null) {
            return List.of("must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
        }
        return List.of();
    }

    public static String emptyError() {
        return "must be non-empty";
    }

    public static String inclusiveRangeError(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    /** Go's {@code len(string)}: the UTF-8 byte count, which is what upstream's limits measure. */
    public static int byteLength(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static List<String> hasChDirPrefix(String value) {
        if (value.equals(".")) {
            return List.of("must not be '.'");
        }
        if (value.equals("..")) {
            return List.of("must not be '..'");
        }
        if (value.startsWith("..")) {
            return List.of("must not start with '..'");
        }
        return List.of();
    }

    /** Upstream {@code path.IsValidPathSegmentName} / {@code IsValidPathSegmentPrefix}. */
    public static List<String> isValidPathSegmentName(String name, boolean prefix) {
        List<String> errs = new ArrayList<>();
        if (!prefix && (name.equals(".") || name.equals(".."))) {
            errs.add("may not be '" + name + "'");
        }
        if (name.contains("/")) {
            errs.add("may not contain '/'");
        }
        if (name.contains("%")) {
            errs.add("may not contain '%'");
        }
        return errs;
    }

    /** generateName prefixes may end in '-': mask it so the prefix validates as a name. */
    static String maskTrailingDash(String name) {
        if (name.length() > 1 && name.endsWith("-")) {
            return name.substring(0, name.length() - 2) + "a";
        }
        return name;
    }

    public static String maxLenError(int length) {
        return "must be no more than " + length + " characters";
    }

    /** Upstream's {@code RegexError}: message, the regex, and examples. */
    public static String regexError(String msg, String fmt, String... examples) {
        StringBuilder b = new StringBuilder(msg);
        if (examples.length == 0) {
            return b.append(" (regex used for validation is '").append(fmt).append("')").toString();
        }
        // upstream's quirky joining, kept byte for byte: (e.g. 'a',  or 'b', regex used ...)
        b.append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                b.append(" or ");
            }
            b.append('\'').append(examples[i]).append("', ");
        }
        return b.append("regex used for validation is '").append(fmt).append("')").toString();
    }
}
