package io.kubeboot.apiserver.registry.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kubeboot.api.resource.BuiltinResources;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.api.validation.Dns;
import io.kubeboot.api.validation.FieldErrors;
import io.kubeboot.api.validation.FieldPath;
import io.kubeboot.api.validation.FieldValidators;
import io.kubeboot.api.validation.NameValidation;
import io.kubeboot.apiserver.registry.Strategy;
import org.springframework.stereotype.Component;

/**
 * core/v1 Events, as upstream's {@code legacyValidateEvent} for requests in v1: the involved object's
 * namespace must agree with the event's, and "new style" events (with {@code eventTime}) need
 * reportingComponent, reportingInstance, action and reason within their length limits. Names only
 * need to fit a URL path segment.
 */
@Component
public class EventStrategy implements Strategy<Event> {
    private static final ResourceInfo INFO = BuiltinResources.get().byResource("", "v1", "events").orElseThrow();
    static final int REPORTING_INSTANCE_LENGTH_LIMIT = 128;
    static final int ACTION_LENGTH_LIMIT = 128;
    static final int REASON_LENGTH_LIMIT = 128;
    static final int NOTE_LENGTH_LIMIT = 1024;

    @Override
    public ResourceInfo info() {
        return INFO;
    }

    @Override
    public Class<Event> type() {
        return Event.class;
    }

    @Override
    public NameValidation.NameValidator nameValidator() {
        return NameValidation::pathSegmentName;
    }

    @Override
    public FieldErrors validate(Event event) {
        FieldErrors errs = new FieldErrors();
        String namespace = event.getMetadata() == null || event.getMetadata().getNamespace() == null
                ? "" : event.getMetadata().getNamespace();
        ObjectReference involved = event.getInvolvedObject() == null ? new ObjectReference() : event.getInvolvedObject();
        String involvedNs = involved.getNamespace() == null ? "" : involved.getNamespace();
        FieldPath involvedNsPath = FieldPath.of("involvedObject", "namespace");
        boolean newStyle = event.getEventTime() != null && event.getEventTime().getTime() != null
                && !event.getEventTime().getTime().isEmpty();
        if (!newStyle) {
            if (involvedNs.isEmpty()) {
                if (!namespace.isEmpty() && !namespace.equals("default")) {
                    errs.invalid(involvedNsPath, involvedNs, "does not match event.namespace");
                }
            } else if (!namespace.equals(involvedNs)) {
                errs.invalid(involvedNsPath, involvedNs, "does not match event.namespace");
            }
        } else {
            if (involvedNs.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
                errs.invalid(involvedNsPath, involvedNs, "does not match event.namespace");
            }
            String component = nz(event.getReportingComponent());
            if (component.isEmpty()) {
                errs.required(FieldPath.of("reportingComponent"), "");
            }
            errs.addAll(FieldValidators.qualifiedName(component, FieldPath.of("reportingComponent")));
            String instance = nz(event.getReportingInstance());
            if (instance.isEmpty()) {
                errs.required(FieldPath.of("reportingInstance"), "");
            }
            if (Dns.byteLength(instance) > REPORTING_INSTANCE_LENGTH_LIMIT) {
                errs.invalid(FieldPath.of("reportingInstance"), "", "can have at most 128 characters");
            }
            String action = nz(event.getAction());
            if (action.isEmpty()) {
                errs.required(FieldPath.of("action"), "");
            }
            if (Dns.byteLength(action) > ACTION_LENGTH_LIMIT) {
                errs.invalid(FieldPath.of("action"), "", "can have at most 128 characters");
            }
            String reason = nz(event.getReason());
            if (reason.isEmpty()) {
                errs.required(FieldPath.of("reason"), "");
            }
            if (Dns.byteLength(reason) > REASON_LENGTH_LIMIT) {
                errs.invalid(FieldPath.of("reason"), "", "can have at most 128 characters");
            }
            if (Dns.byteLength(nz(event.getMessage())) > NOTE_LENGTH_LIMIT) {
                errs.invalid(FieldPath.of("message"), "", "can have at most 1024 characters");
            }
        }
        errs.addAll(FieldValidators.invalidEach(Dns.isDns1123Subdomain(namespace),
                FieldPath.of("namespace"), namespace));
        return errs;
    }

    @Override
    public FieldErrors validateUpdate(Event event, Event old) {
        return validate(event);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** PUT creates a missing object, as upstream allows for this type. */
    @Override
    public boolean allowCreateOnUpdate() {
        return true;
    }
}
