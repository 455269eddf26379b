package io.kubeboot.node.kubelet.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A parsed resolv.conf as upstream parseResolvConf reads it: {@code nameserver} lines accumulate, the last
 * {@code search} and {@code options} lines win, search domains lose a trailing dot, {@code #} lines are comments.
 * A {@code nameserver} line without an address is an error ({@code nameserver list is empty}).
 */
public record ResolvConf(List<String> nameservers, List<String> searches, List<String> options) {
    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        searches = List.copyOf(searches);
        options = List.copyOf(options);
    }

    /** @throws IllegalArgumentException with upstream's message when a line is malformed */
    public static ResolvConf parse(String content) {
        List<String> nameservers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String line : content.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
            if (fields.length == 0) {
                continue;
            }
            switch (fields[0]) {
                case "nameserver" -> {
                    if (fields.length >= 2) {
                        nameservers.add(fields[1]);
                    } else {
                        errors.add("nameserver list is empty ");
                    }
                }
                case "search" -> {
                    searches = new ArrayList<>();
                    for (String s : Arrays.asList(fields).subList(1, fields.length)) {
                        searches.add(s.endsWith(".") ? s.substring(0, s.length() - 1) : s);
                    }
                }
                case "options" -> options = new ArrayList<>(Arrays.asList(fields).subList(1, fields.length));
                default -> {
                }
            }
        }
        if (!errors.isEmpty()) {
            // utilerrors.NewAggregate: one error as is, several as "[a, b]"
            throw new IllegalArgumentException(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
        return new ResolvConf(nameservers, searches, options);
    }
}
