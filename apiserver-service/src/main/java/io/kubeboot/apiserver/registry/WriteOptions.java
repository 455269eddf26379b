package io.kubeboot.apiserver.registry;

/**
 * The query options of a write: {@code dryRun=All} and {@code fieldValidation}.
 */
public record WriteOptions(boolean dryRun, FieldValidation fieldValidation) {

    public enum FieldValidation { IGNORE, WARN, STRICT }

    public static final WriteOptions DEFAULT = new WriteOptions(false, FieldValidation.WARN);
}
