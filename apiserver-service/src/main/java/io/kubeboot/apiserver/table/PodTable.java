package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kubeboot.apiserver.table.Fields.at;
import static io.kubeboot.apiserver.table.Fields.integer;
import static io.kubeboot.apiserver.table.Fields.isSet;
import static io.kubeboot.apiserver.table.Fields.list;
import static io.kubeboot.apiserver.table.Fields.text;

/**
 * Pods: NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS GATES (upstream
 * {@code printPod}). STATUS is the pod phase overridden by the pod's reason, a scheduling gate, the
 * first unfinished init container ("Init:1/2", "Init:CrashLoopBackOff"), the last reason any
 * container reports, and finally Terminating / Unknown while the pod is being deleted.
 */
public final class PodTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Ready", Descriptions.POD_READY),
            Columns.string("Status", Descriptions.POD_STATUS),
            Columns.string("Restarts", Descriptions.POD_RESTARTS),
            Columns.AGE,
            Columns.wide("IP", Descriptions.POD_IP),
            Columns.wide("Node", Descriptions.POD_NODE_NAME),
            Columns.wide("Nominated Node", Descriptions.POD_NOMINATED_NODE_NAME),
            Columns.wide("Readiness Gates", Descriptions.POD_READINESS_GATES));

    static final RowCondition SUCCEEDED =
            new RowCondition("Completed", "True", "Succeeded", "The pod has completed successfully.");
    static final RowCondition FAILED = new RowCondition("Completed", "True", "Failed", "The pod failed.");

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<RowCondition> conditions(JsonNode pod) {
        return switch (text(pod, "status", "phase")) {
            case "Succeeded" -> List.of(SUCCEEDED);
            case "Failed" -> List.of(FAILED);
            default -> List.of();
        };
    }

    @Override
    public List<Object> cells(JsonNode pod, Instant now) {
        JsonNode spec = at(pod, "spec");
        JsonNode status = at(pod, "status");
        Summary s = summarize(pod, spec, status);

        String restarts = Integer.toString(s.restarts);
        if (s.restarts != 0 && s.lastRestart != null) {
            restarts = s.restarts + " (" + Timestamps.since(s.lastRestart, now) + " ago)";
        }
        return List.of(
                Fields.name(pod),
                s.ready + "/" + s.total,
                s.reason,
                restarts,
                Fields.age(pod, now),
                orNone(podIp(status)),
                orNone(text(spec, "nodeName")),
                orNone(text(status, "nominatedNodeName")),
                readinessGates(spec, status));
    }

    private record Summary(String reason, int ready, int total, int restarts, Instant lastRestart) {
    }

    private static Summary summarize(JsonNode pod, JsonNode spec, JsonNode status) {
        String phase = text(status, "phase");
        String reason = text(status, "reason").isEmpty() ? phase : text(status, "reason");
        for (JsonNode condition : list(status, "conditions")) {
            if ("PodScheduled".equals(text(condition, "type")) && "SchedulingGated".equals(text(condition, "reason"))) {
                reason = "SchedulingGated";
            }
        }

        List<JsonNode> specInit = list(spec, "initContainers");
        Map<String, JsonNode> initByName = new HashMap<>();
        int total = list(spec, "containers").size();
        for (JsonNode c : specInit) {
            initByName.put(text(c, "name"), c);
            if (restartable(c)) {
                total++;
            }
        }

        int ready = 0;
        Restarts all = new Restarts();
        Restarts sidecars = new Restarts();
        boolean initializing = false;
        List<JsonNode> initStatuses = list(status, "initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode cs = initStatuses.get(i);
            boolean sidecar = restartable(initByName.get(text(cs, "name")));
            all.add(cs);
            if (sidecar) {
                sidecars.add(cs);
            }
            JsonNode terminated = at(cs, "state", "terminated");
            JsonNode waiting = at(cs, "state", "waiting");
            if (terminated.isObject() && integer(terminated, "exitCode") == 0) {
                continue;
            }
            if (sidecar && Fields.bool(cs, "started")) {
                if (Fields.bool(cs, "ready")) {
                    ready++;
                }
                continue;
            }
            if (terminated.isObject()) {
                String why = text(terminated, "reason");
                if (why.isEmpty()) {
                    long signal = integer(terminated, "signal");
                    reason = signal != 0 ? "Init:Signal:" + signal : "Init:ExitCode:" + integer(terminated, "exitCode");
                } else {
                    reason = "Init:" + why;
                }
            } else if (waiting.isObject() && !text(waiting, "reason").isEmpty()
                    && !"PodInitializing".equals(text(waiting, "reason"))) {
                reason = "Init:" + text(waiting, "reason");
            } else {
                reason = "Init:" + i + "/" + specInit.size();
            }
            initializing = true;
            break;
        }

        Restarts counted = all;
        if (!initializing || conditionTrue(status, "Initialized", true)) {
            // Once initialized only sidecar restarts still matter next to the regular containers'.
            counted = sidecars;
            boolean hasRunning = false;
            List<JsonNode> statuses = list(status, "containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode cs = statuses.get(i);
                counted.add(cs);
                JsonNode terminated = at(cs, "state", "terminated");
                JsonNode waiting = at(cs, "state", "waiting");
                if (waiting.isObject() && !text(waiting, "reason").isEmpty()) {
                    reason = text(waiting, "reason");
                } else if (terminated.isObject() && !text(terminated, "reason").isEmpty()) {
                    reason = text(terminated, "reason");
                } else if (terminated.isObject()) {
                    long signal = integer(terminated, "signal");
                    reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + integer(terminated, "exitCode");
                } else if (Fields.bool(cs, "ready") && isSet(cs, "state", "running")) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = conditionTrue(status, "Ready", false) ? "Running" : "NotReady";
            }
        }

        if (Fields.deleting(pod) && "NodeLost".equals(text(status, "reason"))) {
            reason = "Unknown";
        } else if (Fields.deleting(pod) && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            reason = "Terminating";
        }
        return new Summary(reason, ready, total, counted.count, counted.last);
    }

    /** Restart count and latest restart time over some containers. */
    private static final class Restarts {
        int count;
        Instant last;

        void add(JsonNode containerStatus) {
            count += (int) integer(containerStatus, "restartCount");
            JsonNode lastTerminated = at(containerStatus, "lastState", "terminated");
            if (lastTerminated.isObject()) {
                Instant finished = Timestamps.parse(lastTerminated.path("finishedAt"));
                if (finished != null && (last == null || last.isBefore(finished))) {
                    last = finished;
                }
            }
        }
    }

    /** A sidecar: an init container with {@code restartPolicy: Always}. */
    private static boolean restartable(JsonNode initContainer) {
        return initContainer != null && "Always".equals(text(initContainer, "restartPolicy"));
    }

    /**
     * Whether the condition of {@code type} is True. With {@code firstDecides} only the first
     * condition of that type counts (upstream's Initialized check); otherwise any True one does.
     */
    private static boolean conditionTrue(JsonNode status, String type, boolean firstDecides) {
        for (JsonNode condition : list(status, "conditions")) {
            if (type.equals(text(condition, "type"))) {
                boolean isTrue = "True".equals(text(condition, "status"));
                if (isTrue || firstDecides) {
                    return isTrue;
                }
            }
        }
        return false;
    }

    /** First of {@code status.podIPs}, falling back to {@code status.podIP} as the v1 conversion does. */
    private static String podIp(JsonNode status) {
        List<JsonNode> ips = list(status, "podIPs");
        return ips.isEmpty() ? text(status, "podIP") : text(ips.get(0), "ip");
    }

    private static String readinessGates(JsonNode spec, JsonNode status) {
        List<JsonNode> gates = list(spec, "readinessGates");
        if (gates.isEmpty()) {
            return Labels.NONE;
        }
        int trueConditions = 0;
        for (JsonNode gate : gates) {
            String type = text(gate, "conditionType");
            for (JsonNode condition : list(status, "conditions")) {
                if (type.equals(text(condition, "type"))) {
                    if ("True".equals(text(condition, "status"))) {
                        trueConditions++;
                    }
                    break;
                }
            }
        }
        return trueConditions + "/" + gates.size();
    }

    private static String orNone(String s) {
        return s.isEmpty() ? Labels.NONE : s;
    }
}
