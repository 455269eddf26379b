package io.kubeboot.api.validation;

/**
 * An immutable path to a field, printed as upstream's {@code field.Path}: {@code spec.containers[0].image},
 * {@code metadata.labels[app]}.
 */
public final class FieldPath {
    private final String text;

    private FieldPath(String text) {
        this.text = text;
    }

    public static FieldPath of(String root, String... more) {
        FieldPath p = new FieldPath(root);
        for (String m : more) {
            p = p.child(m);
        }
        return p;
    }

    public FieldPath child(String name, String... more) {
        FieldPath p = new FieldPath(text.isEmpty() ? name : text + "." + name);
        for (String m : more) {
            p = p.child(m);
        }
        return p;
    }

    public FieldPath index(int i) {
        return new FieldPath(text + "[" + i + "]");
    }

    public FieldPath key(String k) {
        return new FieldPath(text + "[" + k + "]");
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
