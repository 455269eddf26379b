package io.kubeboot.api.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubeboot.api.errors.ApiErrors;
import io.kubeboot.api.errors.StatusException;
import io.kubeboot.api.json.Json;
import io.kubeboot.api.validation.FieldError;
import io.kubernetes.client.proto.Runtime;

import java.util.Arrays;
import java.util.Optional;

/**
 * Decodes a Kubernetes protobuf request body ({@code Content-Type: application/vnd.kubernetes.protobuf},
 * what kubectl's typed clients send for {@code create deployment|secret|...} and {@code auth can-i})
 * into the JSON object kube-apiserver would see, so the rest of the server only handles JSON.
 *
 * <p>Wire format (apimachinery {@code runtime/serializer/protobuf}): the magic {@code k8s\0}, then a
 * {@code runtime.Unknown} whose {@code typeMeta} names apiVersion and kind and whose {@code raw} is
 * the generated.proto message of that kind. The result carries {@code kind} and {@code apiVersion}
 * from the envelope.
 *
 * <p>Errors are {@link StatusException}s, as kube-apiserver answers them: 400 BadRequest for a body
 * that cannot be decoded (wrong magic, corrupt bytes, missing kind or apiVersion, a kind unknown in
 * a group version this decoder knows); 415 UnsupportedMediaType when the group version has no
 * protobuf form here (as for custom resources upstream). The caller still has to check that the kind
 * fits the endpoint.
 *
 * <p>Thread safe; the tables are built once.
 */
public final class ProtobufDecoder {
    /** The request Content-Type this decoder handles. */
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final ProtobufDecoder INSTANCE = new ProtobufDecoder(ProtoKinds.builtin(), GoFieldFacts.load());

    private final ProtoKinds kinds;
    private final ProtoJsonConverter converter;

    private ProtobufDecoder(ProtoKinds kinds, GoFieldFacts facts) {
        this.kinds = kinds;
        this.converter = new ProtoJsonConverter(facts, new GoJsonTypes(this::decodeBody));
    }

    /**
     * The JSON form of a protobuf-encoded object.
     *
     * @throws StatusException 400 for undecodable bodies, 415 for group versions without protobuf support
     */
    public static ObjectNode decode(byte[] body) {
        return INSTANCE.decodeBody(body);
    }

    /** Whether {@code bytes} start with the protobuf envelope's magic {@code k8s\0}. */
    public static boolean hasMagic(byte[] bytes) {
        return bytes != null && bytes.length >= MAGIC.length
                && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private ObjectNode decodeBody(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiErrors.badRequest("empty data");
        }
        if (!hasMagic(body)) {
            throw ApiErrors.badRequest(
                    "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }
        if (body.length == MAGIC.length) {
            throw ApiErrors.badRequest("empty body");
        }
        Runtime.Unknown envelope = parseEnvelope(body);
        String apiVersion = envelope.getTypeMeta().getApiVersion();
        String kind = envelope.getTypeMeta().getKind();
        if (kind.isEmpty()) {
            throw ApiErrors.badRequest("Object 'Kind' is missing in '" + typeMetaGoSyntax(apiVersion, kind) + "'");
        }
        if (apiVersion.isEmpty()) {
            throw ApiErrors.badRequest(
                    "Object 'apiVersion' is missing in '" + typeMetaGoSyntax(apiVersion, kind) + "'");
        }
        Message prototype = prototype(apiVersion, kind);
        Message message;
        try {
            // Partial: proto2 "required" is not enforced by Go's decoder either.
            message = prototype.getParserForType().parsePartialFrom(envelope.getRaw());
        } catch (InvalidProtocolBufferException e) {
            throw ApiErrors.badRequest(goError(e));
        }
        ObjectNode out = Json.object();
        out.put("kind", kind);
        out.put("apiVersion", apiVersion);
        out.setAll(converter.object(message, ""));
        return out;
    }

    private Runtime.Unknown parseEnvelope(byte[] body) {
        try {
            return Runtime.Unknown.parser().parsePartialFrom(body, MAGIC.length, body.length - MAGIC.length);
        } catch (InvalidProtocolBufferException e) {
            throw ApiErrors.badRequest(goError(e));
        }
    }

    private Message prototype(String apiVersion, String kind) {
        Optional<Message> prototype = kinds.prototype(apiVersion, kind);
        if (prototype.isPresent()) {
            return prototype.get();
        }
        if (kinds.servesApiVersion(apiVersion)) {
            // What the scheme answers for an unregistered kind of a registered group version.
            throw ApiErrors.badRequest("no kind \"" + kind + "\" is registered for version \"" + apiVersion
                    + "\" in scheme \"pkg/api/legacyscheme/scheme.go:30\"");
        }
        throw new StatusException(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: "
                        + "application/json, application/yaml", null);
    }

    /** Go's {@code %#v} of runtime.TypeMeta, as upstream's missing-kind errors print it. */
    private static String typeMetaGoSyntax(String apiVersion, String kind) {
        return "runtime.TypeMeta{APIVersion:" + FieldError.quote(apiVersion) + ", Kind:" + FieldError.quote(kind) + "}";
    }

    /** The gogo-protobuf wording of the common failures; other parser messages are passed on. */
    private static String goError(InvalidProtocolBufferException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("truncated")) {
            return "unexpected EOF";
        }
        if (message.contains("negative size")) {
            return "proto: negative length found during unmarshaling";
        }
        return "proto: " + message;
    }
}
