package io.kubeboot.apiserver.watch;

import io.kubeboot.api.json.Json;
import io.kubeboot.api.resource.ResourceInfo;
import io.kubeboot.apiserver.registry.ObjectCodec;
import io.kubeboot.apiserver.storage.CachedObject;
import io.kubeboot.apiserver.storage.WatchEvent;
import io.kubeboot.apiserver.table.TableBuilder;
import io.kubeboot.apiserver.table.TableConvertor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Watch events whose object is a one-row Table ({@code kubectl get -w}); only the first event
 * carries the column definitions, as kube-apiserver does. One instance per watch (it is stateful).
 */
public final class TableEventEncoder implements EventEncoder {
    private final JsonEventEncoder plain;
    private final TableConvertor convertor;
    private final TableBuilder builder;
    private final TableBuilder.IncludeObject include;
    private boolean first = true;

    public TableEventEncoder(ResourceInfo info, TableConvertor convertor, TableBuilder builder, TableBuilder.IncludeObject include) {
        this.plain = new JsonEventEncoder(info);
        this.convertor = convertor;
        this.builder = builder;
        this.include = include;
    }

    @Override
    public synchronized byte[] event(WatchEvent.Type type, CachedObject object) {
        var table = builder.table(convertor, List.of(ObjectCodec.parseObject(object.json())),
                Long.toString(object.revision()), null, include, first, Instant.now());
        first = false;
        return ("{\"type\":\"" + type.name() + "\",\"object\":" + Json.string(table) + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] bookmark(long revision) {
        return plain.bookmark(revision);
    }

    @Override
    public byte[] error(byte[] statusJson) {
        return plain.error(statusJson);
    }
}
