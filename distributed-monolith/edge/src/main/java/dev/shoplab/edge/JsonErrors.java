package dev.shoplab.edge;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Says what is wrong with a JSON body in the client's terms: which field, and what was expected there. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * What is wrong with the JSON, in the client's terms: {@code lines[0].quantity must be a whole number, not
     * "abc"}, or where the document stops being JSON.
     */
    public static String describe(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            if (mapping.getCause() instanceof JsonParseException unreadable) {
                // the document itself breaks off or goes wrong there: not the field's fault
                return "the body is not valid JSON" + at(unreadable.getLocation()) + ", inside " + field + ": "
                        + plain(unreadable.getOriginalMessage());
            }
            if (e instanceof InvalidFormatException invalid) {
                return field + " must be " + expected(invalid.getTargetType()) + ", not " + json(invalid.getValue());
            }
            if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                return field + " must be " + expected(mismatched.getTargetType()) + at(e.getLocation());
            }
            return field + " is invalid: " + plain(e.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException mismatched) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                return "the body must hold one JSON object and nothing after it" + at(e.getLocation());
            }
            if (mismatched.getTargetType() != null && !isScalar(mismatched.getTargetType())) {
                return "the body must be a JSON object, not " + tokenName(e.getOriginalMessage());
            }
            return "the body could not be read: " + plain(e.getOriginalMessage());
        }
        if (e instanceof InputCoercionException coercion) {
            return "a number is out of range" + at(coercion.getLocation()) + ": " + plain(coercion.getOriginalMessage());
        }
        return "the body is not valid JSON" + at(e.getLocation()) + ": " + plain(e.getOriginalMessage());
    }

    /**
     * Jackson's message with its note on the source ({@code [Source: REDACTED (`StreamReadFeature…` disabled); line:
     * 1, column: 1]}) cut down to where it is ({@code line 1, column 1}, or a byte offset), which is all a client can
     * use.
     */
    static String plain(String message) {
        if (message == null) {
            return "";
        }
        String where = SOURCE.matcher(message).replaceAll("$1");
        // Jackson's advice to its own user ("enable `JsonReadFeature.…` to allow", "from `StreamReadConstraints.…`")
        // names settings of this server, nothing a client can change
        String forClients = SETTING.matcher(where).replaceAll("");
        return LINE_AND_COLUMN.matcher(forClients).replaceAll("line $1, column $2");
    }

    /** Jackson's mentions of its settings: {@code : enable `X` to allow}, {@code , from `X`}, {@code (`X`)}. */
    private static final Pattern SETTING = Pattern.compile(
            ":? (enable|disable) `[^`]*` to allow|,? from `[^`]*`| \\(`[^`]*`\\)");

    /** Jackson's {@code [Source: …; where]}: the source's description never holds a {@code ;}. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; ([^\\]]*)]");
    private static final Pattern LINE_AND_COLUMN = Pattern.compile("line: (\\d+), column: (\\d+)");

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "an object";
    }

    private static boolean isScalar(Class<?> type) {
        return type.isPrimitive() || Number.class.isAssignableFrom(type) || type == String.class || type == Boolean.class;
    }

    private static String tokenName(String message) {
        if (message == null) {
            return "something else";
        }
        for (Map.Entry<String, String> token : Map.of("Array value", "an array", "String value", "a string",
                "Integer value", "a number", "Floating-point value", "a number", "Number value", "a number",
                "Boolean value", "a boolean",
                "Null value", "null").entrySet()) {
            if (message.contains(token.getKey())) {
                return token.getValue();
            }
        }
        return "something else";
    }

    private static String json(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
