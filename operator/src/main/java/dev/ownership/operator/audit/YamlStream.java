package dev.ownership.operator.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a YAML stream into its documents before parsing, so that a syntax error in one document does
 * not hide the documents after it. A line starting with {@code ---} or {@code ...} at column 0 can
 * only be a document marker (YAML forbids it inside scalars), so cutting there is safe.
 */
final class YamlStream {
  private static final Pattern START = Pattern.compile("^---(?:[ \\t].*)?$");
  private static final Pattern END = Pattern.compile("^\\.\\.\\.(?:[ \\t].*)?$");

  /**
   * @param number 1-based document number as a YAML parser counts them
   * @param firstLine 1-based line of the file where the document's text starts
   * @param oversized a line of it is longer than an object may be: its text was not kept, and it is
   *     not parsed (a parser takes minutes over one such value)
   */
  record Segment(int number, int firstLine, String text, boolean oversized) {
    boolean isBlank() {
      return !oversized && !hasContent(text);
    }
  }

  private YamlStream() {}

  static List<Segment> split(String stream) {
    List<Segment> segments = new ArrayList<>();
    String[] lines = stream.split("\r?\n", -1);
    StringBuilder current = new StringBuilder();
    int currentStart = 1;
    boolean explicitStart = false; // whether the current document began with a --- marker
    boolean oversized = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean start = START.matcher(line).matches();
      boolean end = !start && END.matcher(line).matches();
      if (start || end) {
        add(segments, current.toString(), currentStart, explicitStart, oversized);
        current.setLength(0);
        oversized = false;
        if (start) {
          // "--- {a: 1}" or "--- # comment": the rest of the line belongs to the new document;
          // pad it so that columns in error messages stay right.
          current.append("   ").append(line.substring(3)).append('\n');
        }
        currentStart = start ? i + 1 : i + 2;
        explicitStart = start;
      } else if (oversized || line.length() > ReadLimits.MAX_OBJECT_BYTES) {
        oversized = true;
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    add(segments, current.toString(), currentStart, explicitStart, oversized);
    return segments;
  }

  /**
   * Text before the first marker is a document only if it has content; after a marker it always is.
   */
  private static void add(
      List<Segment> segments,
      String text,
      int firstLine,
      boolean explicitStart,
      boolean oversized) {
    if (!explicitStart && !oversized && !hasContent(text)) return;
    segments.add(new Segment(segments.size() + 1, firstLine, text, oversized));
  }

  private static boolean hasContent(String text) {
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      // Comments, and directives such as %YAML 1.2, carry no document content.
      if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("%")) return true;
    }
    return false;
  }
}
