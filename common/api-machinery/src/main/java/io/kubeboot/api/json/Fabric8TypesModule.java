package io.kubeboot.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;

import java.io.IOException;
import java.text.ParseException;

/**
 * Jackson 2 bindings for the fabric8 model types whose JSON form is not their bean form. fabric8 8
 * declares these (de)serializers with Jackson 3 annotations, which Jackson 2 does not see; without
 * this module an IntOrString would come out as {@code {"value":..,"strVal":..}} instead of
 * {@code "25%"}. The forms are Kubernetes': IntOrString a number or a string, Quantity a string,
 * Duration a Go duration string, MicroTime an RFC 3339 string, AnyType any JSON.
 */
final class Fabric8TypesModule extends SimpleModule {

    Fabric8TypesModule() {
        super("kubeboot-fabric8-types");
        addSerializer(IntOrString.class, new JsonSerializer<>() {
            @Override
            public void serialize(IntOrString v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v.getIntVal() != null) {
                    g.writeNumber(v.getIntVal());
                } else if (v.getStrVal() != null) {
                    g.writeString(v.getStrVal());
                } else {
                    g.writeNull();
                }
            }
        });
        addDeserializer(IntOrString.class, new JsonDeserializer<>() {
            @Override
            public IntOrString deserialize(JsonParser p, DeserializationContext c) throws IOException {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    return new IntOrString(p.getIntValue());
                }
                if (p.currentToken() == JsonToken.VALUE_STRING) {
                    return new IntOrString(p.getText());
                }
                return (IntOrString) c.handleUnexpectedToken(IntOrString.class, p);
            }
        });
        addSerializer(AnyType.class, new JsonSerializer<>() {
            @Override
            public void serialize(AnyType v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeObject(v.getValue());
            }
        });
        addDeserializer(AnyType.class, new JsonDeserializer<>() {
            @Override
            public AnyType deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return new AnyType(p.readValueAs(Object.class));
            }
        });
        addSerializer(Quantity.class, new JsonSerializer<>() {
            @Override
            public void serialize(Quantity v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        addDeserializer(Quantity.class, new JsonDeserializer<>() {
            @Override
            public Quantity deserialize(JsonParser p, DeserializationContext c) throws IOException {
                if (p.currentToken() == JsonToken.VALUE_STRING || p.currentToken().isNumeric()) {
                    return new Quantity(p.getText());
                }
                return (Quantity) c.handleUnexpectedToken(Quantity.class, p);
            }
        });
        addSerializer(MicroTime.class, new JsonSerializer<>() {
            @Override
            public void serialize(MicroTime v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.getTime());
            }
        });
        addDeserializer(MicroTime.class, new JsonDeserializer<>() {
            @Override
            public MicroTime deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return new MicroTime(p.getText());
            }
        });
        addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
                try {
                    return Duration.parse(p.getText());
                } catch (ParseException e) {
                    return (Duration) c.handleWeirdStringValue(Duration.class, p.getText(), e.getMessage());
                }
            }
        });
    }
}
