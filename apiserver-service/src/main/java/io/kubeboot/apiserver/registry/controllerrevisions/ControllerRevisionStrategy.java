package io.kubeboot.apiserver.registry.controllerrevisions;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.GoValue;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.stereotype.Component;

import java.util.Objects;

/**
 * apps/v1 ControllerRevision, as upstream {@code pkg/registry/apps/controllerrevision/strategy.go} with
 * {@code ValidateControllerRevision} / {@code ValidateControllerRevisionUpdate}: an immutable snapshot, so
 * {@code data} is required and may not change, {@code revision} is non-negative (and may change: the DaemonSet
 * and StatefulSet controllers renumber a revision that becomes current again). No status, no generation.
 */
@Component
public class ControllerRevisionStrategy implements Strategy<ControllerRevision> {
    private static final ResourceInfo INFO =
            BuiltinResources.get().byResource("apps", "v1", "controllerrevisions").orElseThrow();
    static final String DATA_REQUIRED = "data is mandatory";
    static final String NEGATIVE = "must be greater than or equal to 0";
    static final String IMMUTABLE = "field is immutable";

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<ControllerRevision> type() {
        return ControllerRevision.class;
    }

    @Override
    public FieldErrors validate(ControllerRevision revision) {
        FieldErrors errs = new FieldErrors();
        if (revision.getData() == null) {
            errs.required(FieldPath.of("data"), DATA_REQUIRED);
        }
        long r = revision.getRevision() == null ? 0 : revision.getRevision();
        if (r < 0) {
            errs.invalid(FieldPath.of("revision"), r, NEGATIVE);
        }
        return errs;
    }

    /**
     * The create rules, plus {@code data} unchanged. Upstream compares the decoded objects; here their JSON trees,
     * so key order does not matter. The bad value prints as the new data's JSON (upstream prints its Go struct).
     */
    @Override
    public FieldErrors validateUpdate(ControllerRevision revision, ControllerRevision old) {
        FieldErrors errs = validate(revision);
        JsonNode now = tree(revision.getData());
        if (!Objects.equals(now, tree(old.getData()))) {
            errs.invalid(FieldPath.of("data"), new GoValue(now == null ? "<nil>" : now.toString()), IMMUTABLE);
        }
        return errs;
    }

    private static JsonNode tree(Object data) {
        return data == null ? null : Json.MAPPER.valueToTree(data);
    }
}
