package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import io.kubeboot.apiserver.table.TableBuilder.IncludeObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static io.kubeboot.apiserver.table.Fixtures.NOW;
import static io.kubeboot.apiserver.table.Fixtures.created;
import static io.kubeboot.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Table document as kube-apiserver's asTable builds it (handlers/response.go) and as kubectl
 * decodes it: TypeMeta, list metadata, column definitions, rows with cells, conditions and object.
 */
class TableBuilderTest {
    private final TableBuilder builder = new TableBuilder();
    private final DefaultTable defaultTable = new DefaultTable();

    private static final JsonNode P1 = json("{'kind':'Pod','apiVersion':'v1','metadata':{'name':'p1','namespace':'default',"
            + "'uid':'u1','resourceVersion':'7','labels':{'app':'a'}," + created(Duration.ofMinutes(5)) + ","
            + "'managedFields':[{'manager':'kubectl','operation':'Update'}]},'spec':{'containers':[{'name':'c','image':'i'}]},"
            + "'status':{'phase':'Running'}}");
    private static final JsonNode DONE = json("{'kind':'Pod','apiVersion':'v1','metadata':{'name':'done','namespace':'default'},"
            + "'spec':{'containers':[{}]},'status':{'phase':'Succeeded'}}");

    @Test
    void defaultTableWithMetadataRows() {
        JsonNode obj = json("{'kind':'Widget','apiVersion':'example.com/v1','metadata':{'name':'w1',"
                + "'creationTimestamp':'2024-05-01T11:00:00Z'},'spec':{'size':3}}");

        ObjectNode table = builder.table(defaultTable, List.of(obj), "123", "", IncludeObject.METADATA, true, NOW);

        String nameDoc = Json.string(Json.NODES.textNode(Descriptions.NAME));
        String createdDoc = Json.string(Json.NODES.textNode(Descriptions.CREATION_TIMESTAMP));
        assertThat(table).isEqualTo(json(("{'kind':'Table','apiVersion':'meta.k8s.io/v1',"
                + "'metadata':{'resourceVersion':'123'},"
                + "'columnDefinitions':[{'name':'Name','type':'string','format':'name','description':NAME_DOC,'priority':0},"
                + "{'name':'Created At','type':'date','format':'','description':CREATED_DOC,'priority':0}],"
                + "'rows':[{'cells':['w1','2024-05-01T11:00:00Z'],'object':{'kind':'PartialObjectMetadata',"
                + "'apiVersion':'meta.k8s.io/v1','metadata':{'name':'w1','creationTimestamp':'2024-05-01T11:00:00Z'}}}]}")
                .replace("NAME_DOC", nameDoc.replace('"', '\''))
                .replace("CREATED_DOC", createdDoc.replace('"', '\''))));
    }

    @Test
    void keysAreInUpstreamOrder() {
        String text = Json.string(builder.table(new PodTable(), List.of(DONE), "9", "c1", IncludeObject.METADATA, true, NOW));

        assertThat(text).startsWith("{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\","
                + "\"metadata\":{\"resourceVersion\":\"9\",\"continue\":\"c1\"},\"columnDefinitions\":[{\"name\":\"Name\","
                + "\"type\":\"string\",\"format\":\"name\",\"description\":");
        assertThat(text).contains("\"rows\":[{\"cells\":[\"done\",\"0/1\",\"Succeeded\",\"0\",\"<unknown>\",\"<none>\","
                + "\"<none>\",\"<none>\",\"<none>\"],\"conditions\":[{\"type\":\"Completed\",\"status\":\"True\","
                + "\"reason\":\"Succeeded\",\"message\":\"The pod has completed successfully.\"}],"
                + "\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{");
    }

    @Test
    void partialObjectMetadataCarriesTheFullMetadata() {
        ObjectNode table = builder.table(new PodTable(), List.of(P1), "7", null, IncludeObject.METADATA, true, NOW);

        JsonNode row = table.path("rows").path(0);
        assertThat(row.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(row.path("object").path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(row.path("object").path("metadata")).isEqualTo(P1.path("metadata"));
        assertThat(row.path("object").has("spec")).isFalse();
        assertThat(row.has("conditions")).isFalse();
        assertThat(row.path("cells")).isEqualTo(json("['p1','0/1','Running','0','5m','<none>','<none>','<none>','<none>']"));
    }

    @Test
    void integerAndBooleanCellsStayTyped() {
        JsonNode pc = json("{'metadata':{'name':'pc'},'value':1000,'globalDefault':true}");

        ObjectNode table = builder.table(new PriorityClassTable(), List.of(pc), "1", "", IncludeObject.NONE, true, NOW);

        JsonNode cells = table.path("rows").path(0).path("cells");
        assertThat(cells.path(1).isIntegralNumber()).isTrue();
        assertThat(cells.path(1).asLong()).isEqualTo(1000L);
        assertThat(cells.path(2).isBoolean()).isTrue();
        assertThat(cells.path(2).asBoolean()).isTrue();
    }

    @Test
    void includeObjectNoneLeavesObjectNull() {
        ObjectNode table = builder.table(new PodTable(), List.of(P1), "7", "", IncludeObject.NONE, true, NOW);

        assertThat(table.path("rows").path(0).has("object")).isTrue();
        assertThat(table.path("rows").path(0).path("object").isNull()).isTrue();
    }

    @Test
    void includeObjectObjectCarriesACopyOfTheWholeObject() {
        ObjectNode table = builder.table(new PodTable(), List.of(P1), "7", "", IncludeObject.OBJECT, true, NOW);

        JsonNode object = table.path("rows").path(0).path("object");
        assertThat(object).isEqualTo(P1);
        ((ObjectNode) object.path("metadata")).put("name", "changed");
        assertThat(P1.path("metadata").path("name").asText()).isEqualTo("p1");
    }

    @Test
    void metadataIsACopyToo() {
        ObjectNode table = builder.table(new PodTable(), List.of(P1), "7", "", IncludeObject.METADATA, true, NOW);

        ((ObjectNode) table.path("rows").path(0).path("object").path("metadata")).remove("managedFields");
        assertThat(P1.path("metadata").has("managedFields")).isTrue();
    }

    @Test
    void withoutColumnDefinitionsTheyAreNullAsInLaterWatchEvents() {
        ObjectNode table = builder.table(new PodTable(), List.of(P1), "8", "", IncludeObject.METADATA, false, NOW);

        assertThat(table.has("columnDefinitions")).isTrue();
        assertThat(table.path("columnDefinitions").isNull()).isTrue();
        assertThat(table.path("rows")).hasSize(1);
    }

    @Test
    void emptyListHasEmptyRowsAndEmptyMetadata() {
        ObjectNode table = builder.table(new PodTable(), List.of(), "", null, IncludeObject.METADATA, true, NOW);

        assertThat(table.path("metadata")).isEqualTo(Json.object());
        assertThat(table.path("rows").isArray()).isTrue();
        assertThat(table.path("rows")).isEmpty();
        assertThat(table.path("columnDefinitions")).hasSize(9);
    }

    @Test
    void columnDefinitionsMirrorTheConvertor() {
        ObjectNode table = builder.table(new PodTable(), List.of(), "1", "", IncludeObject.METADATA, true, NOW);

        JsonNode ip = table.path("columnDefinitions").path(5);
        assertThat(ip.path("name").asText()).isEqualTo("IP");
        assertThat(ip.path("type").asText()).isEqualTo("string");
        assertThat(ip.path("format").asText()).isEmpty();
        assertThat(ip.path("priority").asInt()).isEqualTo(1);
        assertThat(ip.path("description").asText()).isEqualTo(Descriptions.POD_IP);
    }

    @Test
    void rowsFollowInputOrder() {
        ObjectNode table = builder.table(new PodTable(), List.of(P1, DONE), "1", "", IncludeObject.NONE, true, NOW);

        assertThat(table.path("rows").findValuesAsText("kind")).isEmpty();
        assertThat(table.path("rows").path(0).path("cells").path(0).asText()).isEqualTo("p1");
        assertThat(table.path("rows").path(1).path("cells").path(0).asText()).isEqualTo("done");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void includeObjectDefaultsToMetadata(String value) {
        assertThat(IncludeObject.parse(value)).isEqualTo(IncludeObject.METADATA);
    }

    @ParameterizedTest
    @CsvSource({"None, NONE", "Metadata, METADATA", "Object, OBJECT"})
    void includeObjectValues(String value, IncludeObject expected) {
        assertThat(IncludeObject.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"object", "NONE", "All"})
    void unknownIncludeObjectIsBadRequest(String value) {
        assertThatThrownBy(() -> IncludeObject.parse(value))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).isEqualTo("unrecognized includeObject value: \"" + value + "\"");
                });
    }
}
