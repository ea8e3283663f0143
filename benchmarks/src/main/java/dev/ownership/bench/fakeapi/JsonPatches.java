package dev.ownership.bench.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** RFC 7386 merge patches and the RFC 6902 operations clients send (add, replace, remove, test). */
final class JsonPatches {
  private JsonPatches() {}

  /** Applies a merge patch to {@code target} in place; a null value deletes the key. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) return patch;
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : null;
    if (result == null) result = ((ObjectNode) patch).objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  /** Applies a JSON patch in place; throws IllegalArgumentException on a failed op or test. */
  static void apply(ObjectNode target, ArrayNode operations) {
    for (JsonNode op : operations) {
      String kind = op.path("op").asText();
      String[] path = pointer(op.path("path").asText());
      JsonNode parent = target;
      for (int i = 0; i < path.length - 1; i++) {
        parent = child(parent, path[i]);
        if (parent == null) throw new IllegalArgumentException("no such path: " + op);
      }
      String last = path[path.length - 1];
      switch (kind) {
        case "add", "replace" -> set(parent, last, op.get("value"), kind.equals("add"));
        case "remove" -> remove(parent, last);
        case "test" -> {
          if (!op.get("value").equals(child(parent, last)))
            throw new IllegalArgumentException("test failed: " + op);
        }
        default -> throw new IllegalArgumentException("unsupported op: " + op);
      }
    }
  }

  private static String[] pointer(String text) {
    String[] parts = text.substring(1).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].replace("~1", "/").replace("~0", "~");
    }
    return parts;
  }

  private static JsonNode child(JsonNode node, String step) {
    if (node.isArray()) return node.get(Integer.parseInt(step));
    return node.get(step);
  }

  private static void set(JsonNode parent, String step, JsonNode value, boolean insert) {
    if (parent instanceof ArrayNode array) {
      if (step.equals("-")) array.add(value);
      else if (insert) array.insert(Integer.parseInt(step), value);
      else array.set(Integer.parseInt(step), value);
    } else {
      ((ObjectNode) parent).set(step, value);
    }
  }

  private static void remove(JsonNode parent, String step) {
    if (parent instanceof ArrayNode array) array.remove(Integer.parseInt(step));
    else ((ObjectNode) parent).remove(step);
  }
}
