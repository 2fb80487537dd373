package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.switchboard.events.json.EventJson;

class EventSchemaTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void checkedInSchemaMatchesTheRecord(EventType type) throws IOException {
        assertThat(checkedInSchema(type))
                .as("schemas/%s.schema.json is out of date with its record; regenerate it with SchemaGenerator",
                        type.wireName())
                .isEqualTo(SchemaGenerator.schemaFor(type));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void serialisedEventIsValidAgainstItsSchema(EventType type) throws IOException {
        Envelope envelope = SampleEvents.envelope(type);

        Set<ValidationMessage> errors = schema(type).validate(EventJson.toTree(envelope));

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsAnEventWithoutItsChatIdOrPayloadFields(EventType type) throws IOException {
        ObjectNode withoutChatId = EventJson.toTree(SampleEvents.envelope(type));
        withoutChatId.remove("chatId");
        ObjectNode wrongType = EventJson.toTree(SampleEvents.envelope(type));
        wrongType.put("type", "SomethingElse");

        assertThat(schema(type).validate(withoutChatId)).isNotEmpty();
        assertThat(schema(type).validate(wrongType)).isNotEmpty();
        ObjectNode payload = (ObjectNode) EventJson.toTree(SampleEvents.envelope(type)).get("payload");
        if (payload.size() > 0) {
            ObjectNode missingField = EventJson.toTree(SampleEvents.envelope(type));
            String firstRequired = checkedInSchema(type).at("/properties/payload/required/0").asText();
            ((ObjectNode) missingField.get("payload")).remove(firstRequired);
            assertThat(schema(type).validate(missingField)).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void envelopeSurvivesARoundTrip(EventType type) {
        Envelope envelope = SampleEvents.envelope(type);

        Envelope read = EventJson.fromBytes(EventJson.toBytes(envelope));

        assertThat(read).usingRecursiveComparison().isEqualTo(envelope);
        assertThat(read.eventType()).isEqualTo(type);
    }

    private static JsonNode checkedInSchema(EventType type) throws IOException {
        try (InputStream in = EventSchemaTest.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema resource %s", type.schemaResource()).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }

    private static JsonSchema schema(EventType type) throws IOException {
        return FACTORY.getSchema(checkedInSchema(type));
    }
}
