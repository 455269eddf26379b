package io.kubeboot.apiserver.table;

import org.junit.jupiter.api.Test;

import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/** rest.NewDefaultTableConvertor: NAME and CREATED AT (RFC 3339 UTC), column type date. */
class DefaultTableTest {
    private final DefaultTable table = new DefaultTable();

    @Test
    void nameAndCreationTime() {
        assertThat(table.cells(json("{'metadata':{'name':'foo1','creationTimestamp':'2024-04-30T10:00:00+02:00'}}"), NOW))
                .containsExactly("foo1", "2024-04-30T08:00:00Z");
    }

    @Test
    void noCreationTimeIsGoZeroTime() {
        assertThat(table.cells(json("{'metadata':{'name':'foo2'}}"), NOW)).containsExactly("foo2", "0001-01-01T00:00:00Z");
    }

    @Test
    void columns() {
        assertThat(table.columns()).extracting(TableConvertor.Column::name).containsExactly("Name", "Created At");
        assertThat(table.columns()).extracting(TableConvertor.Column::type).containsExactly("string", "date");
        assertThat(table.columns()).extracting(TableConvertor.Column::format).containsExactly("name", "");
        assertThat(table.columns().get(1).description()).startsWith("CreationTimestamp is a timestamp representing");
    }
}
