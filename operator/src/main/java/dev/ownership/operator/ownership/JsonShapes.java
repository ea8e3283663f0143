package dev.ownership.operator.ownership;

import java.util.List;
import java.util.Map;

/** Names the JSON type of a parsed value for messages: "a number", "a list", ... */
public final class JsonShapes {
  private JsonShapes() {}

  public static String describe(Object value) {
    if (value == null) return "null";
    if (value instanceof String) return "a string";
    if (value instanceof Number) return "a number";
    if (value instanceof Boolean) return "a boolean";
    if (value instanceof List<?>) return "a list";
    if (value instanceof Map<?, ?>) return "a mapping";
    return "a " + value.getClass().getSimpleName();
  }
}
