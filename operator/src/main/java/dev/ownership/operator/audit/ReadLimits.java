package dev.ownership.operator.audit;

/**
 * The bounds on what {@code audit} reads, chosen here rather than left to library defaults, and
 * checked while reading so that hostile or accidental input fails fast with a message.
 */
final class ReadLimits {
  private ReadLimits() {}

  /**
   * One file or stdin: 64 MiB holds {@code kubectl get -A -o yaml} of about 40,000 Deployments; a
   * larger cluster is better audited with {@code --cluster}, which reads it page by page.
   */
  static final int MAX_SOURCE_BYTES = 64 * 1024 * 1024;

  /**
   * One Kubernetes object (a document, or one item of a {@code List}): the API server accepts no
   * request body above 3 MiB, so no larger object can be applied. Aliases count expanded.
   */
  static final int MAX_OBJECT_BYTES = 3 * 1024 * 1024;

  /** Nesting of mappings and lists in one document; Jackson's default for JSON. */
  static final int MAX_DEPTH = 1000;

  static final String SOURCE_LIMIT_TEXT = "64 MiB";
  static final String OBJECT_LIMIT_TEXT = "3 MiB";

  /** UTF-8 length of one UTF-16 unit: a surrogate pair (4 bytes) counts 2 + 2. */
  static int utf8Bytes(char c) {
    if (c < 0x80) return 1;
    if (c < 0x800 || Character.isSurrogate(c)) return 2;
    return 3;
  }
}
