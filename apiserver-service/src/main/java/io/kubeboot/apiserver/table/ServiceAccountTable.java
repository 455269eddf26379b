package io.kubeboot.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** ServiceAccounts: NAME SECRETS AGE, SECRETS being the number of {@code secrets} references (upstream {@code printServiceAccount}). */
public final class ServiceAccountTable implements TableConvertor {
    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.string("Secrets", Descriptions.SERVICE_ACCOUNT_SECRETS),
            Columns.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode serviceAccount, Instant now) {
        return List.of(
                Fields.name(serviceAccount),
                (long) Fields.size(serviceAccount, "secrets"),
                Fields.age(serviceAccount, now));
    }
}
