package io.kubeboot.api.validation;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * ObjectMeta validation as upstream's {@code apimachinery/pkg/api/validation/objectmeta.go} (1.32):
 * the checks every resource shares on create and update. Stateless.
 */
public final class ObjectMetaValidation {
    private ObjectMetaValidation() {
    }

    public static final String FIELD_IMMUTABLE_ERROR_MSG = "field is immutable";
    public static final String IS_NEGATIVE_ERROR_MSG = "must be greater than or equal to 0";
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);
    public static final String FINALIZER_ORPHAN_DEPENDENTS = "orphan";
    public static final String FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion";
    public static final int FIELD_MANAGER_MAX_LENGTH = 128;
    public static final int MAX_SUBRESOURCE_NAME_LENGTH = 256;

    /**
     * Upstream {@code ValidateObjectMeta} for a create; name generation must already have happened.
     *
     * @param namespaced whether the type is namespaced (namespace required) or cluster scoped (forbidden)
     */
    public static FieldErrors validateObjectMeta(ObjectMeta meta, boolean namespaced,
                                                 NameValidation.NameValidator nameFn, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        ObjectMeta m = meta == null ? new ObjectMeta() : meta;
        String generateName = nz(m.getGenerateName());
        if (!generateName.isEmpty()) {
            errs.addAll(FieldValidators.invalidEach(nameFn.validate(generateName, true),
                    path.child("generateName"), generateName));
        }
        String name = nz(m.getName());
        if (name.isEmpty()) {
            errs.required(path.child("name"), "name or generateName is required");
        } else {
            errs.addAll(FieldValidators.invalidEach(nameFn.validate(name, false), path.child("name"), name));
        }
        String namespace = nz(m.getNamespace());
        if (namespaced) {
            if (namespace.isEmpty()) {
                errs.required(path.child("namespace"), "");
            } else {
                errs.addAll(FieldValidators.invalidEach(NameValidation.dns1123Label(namespace, false),
                        path.child("namespace"), namespace));
            }
        } else if (!namespace.isEmpty()) {
            errs.forbidden(path.child("namespace"), "not allowed on this type");
        }
        errs.addAll(validateNonnegativeField(m.getGeneration() == null ? 0 : m.getGeneration(), path.child("generation")));
        errs.addAll(LabelValidation.validateLabels(m.getLabels(), path.child("labels")));
        errs.addAll(validateAnnotations(m.getAnnotations(), path.child("annotations")));
        errs.addAll(validateOwnerReferences(m.getOwnerReferences(), path.child("ownerReferences")));
        errs.addAll(validateFinalizers(m.getFinalizers(), path.child("finalizers")));
        errs.addAll(validateManagedFields(m.getManagedFields(), path.child("managedFields")));
        return errs;
    }

    /** Upstream {@code ValidateObjectMetaUpdate}: identity fields immutable, resourceVersion required. */
    public static FieldErrors validateObjectMetaUpdate(ObjectMeta newMeta, ObjectMeta oldMeta, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        ObjectMeta n = newMeta == null ? new ObjectMeta() : newMeta;
        ObjectMeta o = oldMeta == null ? new ObjectMeta() : oldMeta;
        if (o.getDeletionTimestamp() != null) {
            errs.addAll(validateNoNewFinalizers(n.getFinalizers(), o.getFinalizers(), path.child("finalizers")));
        }
        if (nz(n.getResourceVersion()).isEmpty()) {
            errs.invalid(path.child("resourceVersion"), nz(n.getResourceVersion()), "must be specified for an update");
        }
        long newGen = n.getGeneration() == null ? 0 : n.getGeneration();
        long oldGen = o.getGeneration() == null ? 0 : o.getGeneration();
        if (newGen < oldGen) {
            errs.invalid(path.child("generation"), newGen, "must not be decremented");
        }
        errs.addAll(validateImmutableField(nz(n.getName()), nz(o.getName()), path.child("name")));
        errs.addAll(validateImmutableField(nz(n.getNamespace()), nz(o.getNamespace()), path.child("namespace")));
        errs.addAll(validateImmutableField(nz(n.getUid()), nz(o.getUid()), path.child("uid")));
        if (!sameTime(n.getCreationTimestamp(), o.getCreationTimestamp())) {
            errs.invalid(path.child("creationTimestamp"), timeValue(n.getCreationTimestamp()), FIELD_IMMUTABLE_ERROR_MSG);
        }
        if (!sameTime(n.getDeletionTimestamp(), o.getDeletionTimestamp())) {
            errs.invalid(path.child("deletionTimestamp"), timeValue(n.getDeletionTimestamp()), FIELD_IMMUTABLE_ERROR_MSG);
        }
        errs.addAll(validateImmutableField(n.getDeletionGracePeriodSeconds(), o.getDeletionGracePeriodSeconds(),
                path.child("deletionGracePeriodSeconds")));
        errs.addAll(LabelValidation.validateLabels(n.getLabels(), path.child("labels")));
        errs.addAll(validateAnnotations(n.getAnnotations(), path.child("annotations")));
        errs.addAll(validateOwnerReferences(n.getOwnerReferences(), path.child("ownerReferences")));
        errs.addAll(validateManagedFields(n.getManagedFields(), path.child("managedFields")));
        return errs;
    }

    /** Upstream {@code ValidateImmutableField}: {@code Invalid(path, newVal, "field is immutable")} when they differ. */
    public static FieldErrors validateImmutableField(Object newVal, Object oldVal, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (!Objects.equals(newVal, oldVal)) {
            errs.invalid(path, newVal, FIELD_IMMUTABLE_ERROR_MSG);
        }
        return errs;
    }

    /** Upstream {@code ValidateNonnegativeField}. */
    public static FieldErrors validateNonnegativeField(long value, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (value < 0) {
            errs.invalid(path, value, IS_NEGATIVE_ERROR_MSG);
        }
        return errs;
    }

    /** Upstream {@code ValidateAnnotations}: keys are case-insensitive qualified names; 256 KiB in total. */
    public static FieldErrors validateAnnotations(Map<String, String> annotations, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (annotations == null) {
            return errs;
        }
        long total = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            String k = nz(e.getKey());
            errs.addAll(FieldValidators.invalidEach(Dns.isQualifiedName(k.toLowerCase(java.util.Locale.ROOT)),
                    path, k));
            total += Dns.byteLength(k) + Dns.byteLength(nz(e.getValue()));
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
            errs.tooLong(path, "", TOTAL_ANNOTATION_SIZE_LIMIT_B);
        }
        return errs;
    }

    /** Upstream {@code ValidateOwnerReferences}: complete references, at most one controller, no Event owners. */
    public static FieldErrors validateOwnerReferences(List<OwnerReference> refs, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (refs == null) {
            return errs;
        }
        String firstController = "";
        for (OwnerReference ref : refs) {
            errs.addAll(validateOwnerReference(ref, path));
            if (Boolean.TRUE.equals(ref.getController())) {
                String current = nz(ref.getKind()) + "/" + nz(ref.getName());
                if (!firstController.isEmpty()) {
                    errs.invalid(path, new GoValue(refs.toString()),
                            "Only one reference can have Controller set to true. Found \"true\" in references for "
                                    + firstController + " and " + current);
                } else {
                    firstController = current;
                }
            }
        }
        return errs;
    }

    private static FieldErrors validateOwnerReference(OwnerReference ref, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        String apiVersion = nz(ref.getApiVersion());
        // schema.FromAPIVersionAndKind: "group/version" or "version"; anything else leaves the version empty
        String group = "";
        String version = "";
        String[] gv = apiVersion.split("/", -1);
        if (gv.length == 1) {
            version = gv[0];
        } else if (gv.length == 2) {
            group = gv[0];
            version = gv[1];
        }
        if (version.isEmpty()) {
            errs.invalid(path.child("apiVersion"), apiVersion, "version must not be empty");
        }
        if (nz(ref.getKind()).isEmpty()) {
            errs.invalid(path.child("kind"), nz(ref.getKind()), "kind must not be empty");
        }
        if (nz(ref.getName()).isEmpty()) {
            errs.invalid(path.child("name"), nz(ref.getName()), "name must not be empty");
        }
        if (nz(ref.getUid()).isEmpty()) {
            errs.invalid(path.child("uid"), nz(ref.getUid()), "uid must not be empty");
        }
        if (group.isEmpty() && version.equals("v1") && "Event".equals(ref.getKind())) {
            errs.invalid(path, new GoValue(ref.toString()), "/v1, Kind=Event is disallowed from being an owner");
        }
        return errs;
    }

    /** Upstream {@code ValidateFinalizers}: qualified names, and not both orphan and foregroundDeletion. */
    public static FieldErrors validateFinalizers(List<String> finalizers, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (finalizers == null) {
            return errs;
        }
        for (String f : finalizers) {
            String v = nz(f);
            errs.addAll(FieldValidators.invalidEach(Dns.isQualifiedName(v), path, v));
        }
        if (finalizers.contains(FINALIZER_ORPHAN_DEPENDENTS) && finalizers.contains(FINALIZER_DELETE_DEPENDENTS)) {
            errs.invalid(path, GoValue.stringSlice(finalizers), "finalizer " + FINALIZER_ORPHAN_DEPENDENTS + " and "
                    + FINALIZER_DELETE_DEPENDENTS + " cannot be both set");
        }
        return errs;
    }

    /** Upstream {@code ValidateNoNewFinalizers}: an object being deleted may only lose finalizers. */
    public static FieldErrors validateNoNewFinalizers(List<String> newFinalizers, List<String> oldFinalizers,
                                                      FieldPath path) {
        FieldErrors errs = new FieldErrors();
        TreeSet<String> extra = new TreeSet<>(newFinalizers == null ? List.of() : newFinalizers);
        if (oldFinalizers != null) {
            extra.removeAll(oldFinalizers);
        }
        if (!extra.isEmpty()) {
            errs.forbidden(path, "no new finalizers can be added if the object is being deleted, found new finalizers "
                    + GoValue.stringSlice(extra));
        }
        return errs;
    }

    /** Upstream {@code ValidateManagedFields}. */
    public static FieldErrors validateManagedFields(List<ManagedFieldsEntry> entries, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (entries == null) {
            return errs;
        }
        for (int i = 0; i < entries.size(); i++) {
            ManagedFieldsEntry e = entries.get(i);
            FieldPath p = path.index(i);
            String op = nz(e.getOperation());
            if (!op.equals("Apply") && !op.equals("Update")) {
                errs.invalid(p.child("operation"), op, "must be `Apply` or `Update`");
            }
            String fieldsType = nz(e.getFieldsType());
            if (!fieldsType.isEmpty() && !fieldsType.equals("FieldsV1")) {
                errs.invalid(p.child("fieldsType"), fieldsType, "must be `FieldsV1`");
            }
            errs.addAll(validateFieldManager(nz(e.getManager()), p.child("manager")));
            if (Dns.byteLength(nz(e.getSubresource())) > MAX_SUBRESOURCE_NAME_LENGTH) {
                errs.tooLong(p.child("subresource"), "", MAX_SUBRESOURCE_NAME_LENGTH);
            }
        }
        return errs;
    }

    /** Upstream {@code ValidateFieldManager}: at most 128 bytes, printable characters only. */
    public static FieldErrors validateFieldManager(String fieldManager, FieldPath path) {
        FieldErrors errs = new FieldErrors();
        if (Dns.byteLength(fieldManager) > FIELD_MANAGER_MAX_LENGTH) {
            errs.tooLong(path, "", FIELD_MANAGER_MAX_LENGTH);
        }
        int bytePos = 0;
        for (int i = 0; i < fieldManager.length(); ) {
            int cp = fieldManager.codePointAt(i);
            if (!isPrint(cp)) {
                errs.invalid(path, fieldManager, String.format("invalid character U+%04X (at position %d)", cp, bytePos));
            }
            bytePos += Dns.byteLength(new String(Character.toChars(cp)));
            i += Character.charCount(cp);
        }
        return errs;
    }

    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        int t = Character.getType(cp);
        return !Character.isWhitespace(cp) && t != Character.CONTROL && t != Character.FORMAT
                && t != Character.UNASSIGNED && t != Character.SURROGATE && t != Character.PRIVATE_USE
                && t != Character.SPACE_SEPARATOR && t != Character.LINE_SEPARATOR
                && t != Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * metav1.Time compares at second precision; unparsable values compare as text. Equal text is the same time
     * without parsing it: almost every update keeps the stored timestamps as they are.
     */
    private static boolean sameTime(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a.equals(b)) {
            return true;
        }
        try {
            return Instant.parse(a).truncatedTo(ChronoUnit.SECONDS).equals(Instant.parse(b).truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return a.equals(b);
        }
    }

    private static Object timeValue(String t) {
        return t == null ? "null" : t;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
