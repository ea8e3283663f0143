package dev.ownership.operator.audit;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the parts of one object are in its file: the 1-based line of each node near the object's
 * root (JSON Pointer → line), so that a message can point at {@code metadata.labels.team} rather
 * than at the document.
 */
public final class SourceLines {
  /** Deep enough for {@code /spec/jobTemplate/spec/template/metadata/labels/KEY}. */
  static final int RECORDED_DEPTH = 7;

  /** For objects read from the cluster, which have no file. */
  public static final SourceLines NONE = new SourceLines();

  private final Map<String, Integer> lines = new HashMap<>();

  SourceLines() {}

  void record(String pointer, int line) {
    lines.putIfAbsent(pointer, line);
  }

  /** Whether the line of exactly this node is known. */
  public boolean has(String pointer) {
    return lines.containsKey(pointer);
  }

  /** The object's own first line; 0 when unknown. */
  public int line() {
    return line("");
  }

  /**
   * The line of the node at {@code pointer}, else of its nearest recorded ancestor, else of the
   * object; 0 when unknown.
   */
  public int line(String pointer) {
    String at = pointer;
    while (true) {
      Integer line = lines.get(at);
      if (line != null) return line;
      if (at.isEmpty()) return 0;
      at = at.substring(0, at.lastIndexOf('/'));
    }
  }

  /** A JSON Pointer from path segments, e.g. {@code ("metadata", "labels", "a/b")}. */
  public static String pointer(String... segments) {
    StringBuilder pointer = new StringBuilder();
    for (String segment : segments) pointer.append('/').append(escape(segment));
    return pointer.toString();
  }

  static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
