package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Upstream {@code layoutContainerCells}: the CONTAINERS and IMAGES cells of workload tables. */
final class Containers {
    private Containers() {
    }

    static String names(JsonNode containers) {
        return join(containers, "name");
    }

    static String images(JsonNode containers) {
        return join(containers, "image");
    }

    private static String join(JsonNode containers, String field) {
        List<String> parts = new ArrayList<>();
        Fields.list(containers).forEach(c -> parts.add(Fields.text(c, field)));
        return String.join(",", parts);
    }
}
