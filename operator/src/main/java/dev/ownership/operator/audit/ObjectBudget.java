package dev.ownership.operator.audit;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that stops a parser once the object it is reading grows past {@link
 * ReadLimits#MAX_OBJECT_BYTES}: the size is counted as the text is handed over (in UTF-8 bytes), so
 * an oversized value fails after 3 MiB rather than after the parser has swallowed all of it. {@link
 * #objectStarted()} begins the next object (a List item); the parser's read-ahead makes that up to
 * a few KiB lenient, never strict.
 */
final class ObjectBudget extends Reader {
  /** Thrown from {@link #read} past the limit; the parser does not catch it. */
  static final class Exceeded extends RuntimeException {
    Exceeded() {
      super("object larger than " + ReadLimits.OBJECT_LIMIT_TEXT, null, false, false);
    }
  }

  private final Reader in;
  private final long limit;
  private long read;
  private long objectStart;

  ObjectBudget(Reader in) {
    this(in, ReadLimits.MAX_OBJECT_BYTES);
  }

  ObjectBudget(Reader in, long limit) {
    this.in = in;
    this.limit = limit;
  }

  void objectStarted() {
    objectStart = read;
  }

  /** UTF-8 bytes handed to the parser so far. */
  long bytesRead() {
    return read;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    for (int i = offset; i < offset + n; i++) read += ReadLimits.utf8Bytes(buffer[i]);
    if (read - objectStart > limit) throw new Exceeded();
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
