package io.kubeboot.apiserver.table;

import io.kubeboot.apiserver.table.TableConvertor.Column;

/** Column definition shorthands; every printer column is {@code type: string} unless stated. */
final class Columns {
    static final Column NAME = new Column("Name", "string", "name", Descriptions.NAME, 0);
    static final Column AGE = new Column("Age", "string", "", Descriptions.CREATION_TIMESTAMP, 0);
    static final Column CONTAINERS = wide("Containers", Descriptions.TEMPLATE_CONTAINERS);
    static final Column IMAGES = wide("Images", Descriptions.TEMPLATE_IMAGES);

    private Columns() {
    }

    static Column string(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    static Column integer(String name, String description) {
        return new Column(name, "integer", "", description, 0);
    }

    static Column bool(String name, String description) {
        return new Column(name, "boolean", "", description, 0);
    }

    /** A string column shown only with {@code -o wide} (priority 1). */
    static Column wide(String name, String description) {
        return new Column(name, "string", "", description, 1);
    }
}
