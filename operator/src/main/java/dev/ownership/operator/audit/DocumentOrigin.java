package dev.ownership.operator.audit;

/**
 * Where a manifest came from, for messages that tell the user what to fix.
 *
 * @param source the path as given, {@code <stdin>}, or {@code cluster}
 * @param document 1-based document number in the source; 0 when the problem concerns the whole
 *     source
 * @param item 1-based position inside a {@code List} document; 0 when the document is not a List
 * @param line 1-based line in the source where the object (or the problem) is; 0 when unknown
 */
public record DocumentOrigin(String source, int document, int item, int line) {
  public DocumentOrigin(String source, int document, int item) {
    this(source, document, item, 0);
  }

  public static DocumentOrigin wholeSource(String source) {
    return new DocumentOrigin(source, 0, 0, 0);
  }

  public static DocumentOrigin document(String source, int document) {
    return new DocumentOrigin(source, document, 0, 0);
  }

  public DocumentOrigin item(int item) {
    return new DocumentOrigin(source, document, item, line);
  }

  public DocumentOrigin atLine(int line) {
    return new DocumentOrigin(source, document, item, line);
  }

  /** E.g. {@code k8s/app.yaml: document 2, item 3, line 41}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(source);
    if (document > 0) text.append(": document ").append(document);
    if (item > 0) text.append(", item ").append(item);
    if (line > 0) text.append(document > 0 ? ", line " : ": line ").append(line);
    return text.toString();
  }
}
