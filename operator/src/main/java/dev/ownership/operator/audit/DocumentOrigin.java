package dev.ownership.operator.audit;

/**
 * Where a manifest came from, for messages that tell the user what to fix.
 *
 * @param source the path as given, {@code <stdin>}, or {@code cluster}
 * @param document 1-based document number in the source; 0 when the problem concerns the whole
 *     source
 * @param item 1-based position inside a {@code List} document; 0 when the document is not a List
 */
public record DocumentOrigin(String source, int document, int item) {
  public static DocumentOrigin wholeSource(String source) {
    return new DocumentOrigin(source, 0, 0);
  }

  public static DocumentOrigin document(String source, int document) {
    return new DocumentOrigin(source, document, 0);
  }

  public DocumentOrigin item(int item) {
    return new DocumentOrigin(source, document, item);
  }

  @Override
  public String toString() {
    if (document == 0) return source;
    return source + ": document " + document + (item == 0 ? "" : ", item " + item);
  }
}
