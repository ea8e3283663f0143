package dev.ownership.operator.audit;

/**
 * A document that cannot be read as a Kubernetes object; the message says what to fix.
 *
 * @see #line()
 */
final class UnreadableDocument extends Exception {
  private final int line;
  private final int item;

  UnreadableDocument(String message, int line, int item) {
    super(message);
    this.line = line;
    this.item = item;
  }

  /** 1-based line in the file; 0 when unknown. */
  int line() {
    return line;
  }

  /** 1-based position inside a {@code List} document's items; 0 when not inside one. */
  int item() {
    return item;
  }

  static String tooLarge() {
    return "is larger than "
        + ReadLimits.OBJECT_LIMIT_TEXT
        + ", the most the API server accepts for one object; reading stopped there";
  }
}
