package io.kubeboot.bench.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.kubeboot.bench.core.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * etcd through jetcd, doing what kube-apiserver does: a create is a transaction
 * {@code if mod_revision(key) == 0 then put} (so it fails on an existing key, like RedisStore's create),
 * a get is a linearizable range read of one key. Keys are under {@code /registry/pods/}.
 */
public final class EtcdTarget implements KvTarget {
    private final Client client;
    private final KV kv;
    private final String prefix;

    public EtcdTarget(String endpoint, String runId) {
        this.client = Client.builder().endpoints(endpoint).build();
        this.kv = client.getKVClient();
        this.prefix = "/registry/pods/bench-" + runId + "/";
    }

    @Override
    public String name() {
        return "etcd";
    }

    private ByteSequence key(String key) {
        return ByteSequence.from(prefix + key, StandardCharsets.UTF_8);
    }

    @Override
    public CompletableFuture<Outcome> create(String key, byte[] value) {
        ByteSequence k = key(key);
        return kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(0)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .commit()
                .thenApply(r -> r.isSucceeded() ? Outcome.OK : Outcome.failed("exists"));
    }

    @Override
    public CompletableFuture<Outcome> get(String key) {
        return kv.get(key(key)).thenApply(r -> r.getCount() == 1 ? Outcome.OK : Outcome.failed("missing"));
    }

    @Override
    public void close() {
        client.close();
    }
}
