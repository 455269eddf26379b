package io.kubeboot.api.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;

import java.io.ByteArrayOutputStream;

/** Builds protobuf request bodies the way client-go's protobuf serializer frames them. */
final class Envelopes {
    static final byte[] MAGIC = {'k', '8', 's', 0};

    private Envelopes() {
    }

    static byte[] wrap(String apiVersion, String kind, Message object) {
        return wrap(apiVersion, kind, object.toByteString());
    }

    static byte[] wrap(String apiVersion, String kind, ByteString raw) {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(raw)
                .setContentEncoding("")
                .setContentType("")
                .build();
        return concat(MAGIC, unknown.toByteArray());
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
