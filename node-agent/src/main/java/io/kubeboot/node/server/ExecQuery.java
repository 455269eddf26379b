package io.kubeboot.node.server;

import java.util.List;
import java.util.Map;

/**
 * The query of the kubelet's {@code /exec/<ns>/<pod>/<container>}, as upstream's {@code remotecommand.NewOptions}
 * and {@code getExecRequestParams}: the streams are {@code input}, {@code output} and {@code error}, each on only
 * when its value is exactly {@code 1}; {@code tty=1} allocates a terminal, which drops stderr (a terminal has one
 * output); {@code command} is repeated, one argv element each. No stream at all is 400 {@code you must specify at
 * least 1 of stdin, stdout, stderr}. Pure.
 */
public record ExecQuery(List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {
    public static ExecQuery parse(Map<String, List<String>> query) {
        boolean tty = one(query, "tty");
        boolean stdin = one(query, "input");
        boolean stdout = one(query, "output");
        boolean stderr = one(query, "error") && !tty;
        if (!stdin && !stdout && !stderr) {
            throw new KubeletHttpException(400, "you must specify at least 1 of stdin, stdout, stderr");
        }
        List<String> command = query.getOrDefault("command", List.of());
        if (command.isEmpty()) {
            // upstream hands an empty argv to the runtime, which fails the exec; refusing it up front says why
            throw new KubeletHttpException(400, "you must specify at least 1 command");
        }
        return new ExecQuery(List.copyOf(command), stdin, stdout, stderr, tty);
    }

    /** Go's {@code req.FormValue(name) == "1"}: the first value only. */
    private static boolean one(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v != null && !v.isEmpty() && "1".equals(v.get(0));
    }

    /** The channel that gets the empty "connection established" message: the lowest writable one. */
    public int firstWritableChannel() {
        return stdout ? RemoteCommandProtocol.STDOUT : stderr ? RemoteCommandProtocol.STDERR : RemoteCommandProtocol.ERROR;
    }
}
