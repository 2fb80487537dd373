package io.switchboard.session.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.switchboard.kit.problem.Problem;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.session.config.TransferConfig;
import io.switchboard.session.rest.ChatFile;
import io.switchboard.session.rest.ChatFileMessage;

/**
 * Reads a chat file to import, all of it before anything is written: size, JSON, format and version first (a
 * file of another version is not read further), then every field by the rules the API applies to the same
 * fields elsewhere, then the order of the turns. A file that fails any of it is refused whole.
 */
@ApplicationScoped
public class ChatFileReader {

    /** Enough to fix a file by; a file wrong in every message would otherwise get a problem as large as itself. */
    static final int MAX_VIOLATIONS = 50;

    private final ObjectMapper mapper;
    private final Validator validator;
    private final TransferConfig config;

    public ChatFileReader(ObjectMapper mapper, Validator validator, TransferConfig config) {
        // A file is one JSON value whose values have the documented types: "turn": "1" or a repeated key would
        // otherwise be read one way here and another way by whoever wrote the file.
        this.mapper = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        this.mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        this.mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        this.validator = validator;
        this.config = config;
    }

    public ChatFile read(byte[] body) {
        long maxBytes = config.maxBytes().asLongValue();
        if (body.length > maxBytes) {
            throw tooLarge("The chat file is " + body.length + " bytes; at most " + maxBytes + " are imported");
        }
        JsonNode tree = parse(body);
        checkFormatAndVersion(tree);
        JsonNode messages = tree.path("messages");
        if (messages.isArray() && messages.size() > config.maxMessages()) {
            throw tooLarge("messages: the chat file has " + messages.size() + " messages; at most "
                    + config.maxMessages() + " are imported");
        }
        ChatFile file = bind(tree);
        checkFields(file);
        checkTurns(file.messages());
        return file;
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw InvalidChatFile.of("$", "must be a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            // The location only: the parser's own words quote the input, which may be anything.
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ProblemException(400, "urn:switchboard:problem:malformed-body", "Malformed body",
                    "The chat file is not valid JSON" + where);
        } catch (IOException e) {
            throw new IllegalStateException("Reading a byte array failed", e);
        }
    }

    private static void checkFormatAndVersion(JsonNode tree) {
        JsonNode format = tree.get("format");
        if (format == null || !format.isTextual() || !ChatFile.FORMAT.equals(format.textValue())) {
            throw InvalidChatFile.of("format", "must be \"" + ChatFile.FORMAT + "\"");
        }
        JsonNode version = tree.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw InvalidChatFile.of("version", "must be a whole number");
        }
        if (!version.canConvertToInt() || version.intValue() != ChatFile.VERSION) {
            throw InvalidChatFile.of("version", version.asText() + " is not a version this service reads (it reads "
                    + ChatFile.VERSION + ")");
        }
    }

    private ChatFile bind(JsonNode tree) {
        try {
            return mapper.treeToValue(tree, ChatFile.class);
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw InvalidChatFile.of(field.isEmpty() ? "$" : field, "has the wrong type");
        } catch (JsonProcessingException e) {
            throw InvalidChatFile.of("$", "does not fit the chat file format");
        }
    }

    private void checkFields(ChatFile file) {
        Set<ConstraintViolation<ChatFile>> found = validator.validate(file);
        if (found.isEmpty()) {
            return;
        }
        List<Problem.Violation> violations = found.stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(ChatFileReader::position).thenComparing(Problem.Violation::field))
                .limit(MAX_VIOLATIONS)
                .toList();
        throw new InvalidChatFile(violations);
    }

    /**
     * A turn's messages are together, the question before the answer, at most one of each: the history is
     * ordered by turn, and a chat holds one question and one answer per turn.
     */
    private static void checkTurns(List<ChatFileMessage> messages) {
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> roles = new HashSet<>();
        long turn = 0;
        for (int i = 0; i < messages.size() && violations.size() < MAX_VIOLATIONS; i++) {
            ChatFileMessage message = messages.get(i);
            if (message.turn() < turn) {
                violations.add(new Problem.Violation("messages[" + i + "].turn",
                        "must not be lower than the turn before it (" + turn + ")"));
                continue;
            }
            if (message.turn() > turn) {
                turn = message.turn();
                roles.clear();
            }
            if ("user".equals(message.role()) && message.toolCalls() != null && !message.toolCalls().isEmpty()) {
                violations.add(new Problem.Violation("messages[" + i + "].toolCalls",
                        "only an answer (role assistant) has tool calls"));
            }
            if (!roles.add(message.role())) {
                violations.add(new Problem.Violation("messages[" + i + "].role",
                        "turn " + turn + " already has a " + message.role() + " message"));
            } else if ("user".equals(message.role()) && roles.contains("assistant")) {
                violations.add(new Problem.Violation("messages[" + i + "].role",
                        "the question of turn " + turn + " must come before its answer"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidChatFile(violations);
        }
    }

    /** As the file is written: {@code messages[17].content}, not the validator's {@code <list element>}. */
    private static String field(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }

    /** The message a field belongs to, so violations are listed in the file's order; chat fields first. */
    private static int position(Problem.Violation violation) {
        String field = violation.field();
        if (!field.startsWith("messages[")) {
            return -1;
        }
        int end = field.indexOf(']');
        return end < 0 ? -1 : Integer.parseInt(field.substring("messages[".length(), end));
    }

    private static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "urn:switchboard:problem:payload-too-large", "Payload too large", detail);
    }
}
