package io.geoingest.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is wrong with a request body Jackson could not read, in words a client can act on: which
 * field, and what it should hold ("parts[0].part_number must be a whole number"), rather than
 * only that the body is not of the expected shape.
 */
final class JsonShape {
    static final String NOT_THE_EXPECTED_SHAPE = "Bad Request: the body is not valid JSON of the expected shape";

    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, Double.class, float.class, Float.class,
            BigDecimal.class);

    private JsonShape() {
    }

    static String describe(JsonProcessingException exception) {
        if (!(exception instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return NOT_THE_EXPECTED_SHAPE;
        }
        String field = path(mapping.getPath());
        if (exception instanceof PropertyBindingException) {
            return NOT_THE_EXPECTED_SHAPE + ": " + field + " is not a field it takes";
        }
        if (exception instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return NOT_THE_EXPECTED_SHAPE + ": " + field + " must be " + expected(mismatch.getTargetType());
        }
        return NOT_THE_EXPECTED_SHAPE + ": " + field + " is not valid";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (WHOLE_NUMBERS.contains(type)) {
            return "a whole number";
        }
        if (NUMBERS.contains(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of the values it takes";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a value of another kind";
    }
}
