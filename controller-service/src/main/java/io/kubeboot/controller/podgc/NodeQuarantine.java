package io.kubeboot.controller.podgc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Upstream's {@code nodeQueue} (a delaying queue): a node name that pods reference but the cache lacks is held for
 * the quarantine time before it is checked against the API (the cache may simply lag). Seeing it again while held does
 * not extend the wait; once handed out it is forgotten, so a node still missing later starts a new quarantine. Not
 * thread safe (used by the single GC loop).
 */
final class NodeQuarantine {
    private final Duration quarantine;
    private final Map<String, Instant> readyAt = new HashMap<>();

    NodeQuarantine(Duration quarantine) {
        this.quarantine = quarantine;
    }

    void observeMissing(String nodeName, Instant now) {
        readyAt.putIfAbsent(nodeName, now.plus(quarantine));
    }

    /** The names whose quarantine is over at {@code now}, removed from the quarantine. */
    List<String> due(Instant now) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, Instant>> it = readyAt.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> e = it.next();
            if (!e.getValue().isAfter(now)) {
                out.add(e.getKey());
                it.remove();
            }
        }
        out.sort(null);
        return out;
    }

    int size() {
        return readyAt.size();
    }
}
