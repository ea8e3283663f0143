package dev.ownership.operator.admission;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The encoding of a request body, detected as Jackson detects it (RFC 4627's BOMs and zero-byte
 * patterns), so that the webhook keeps accepting the UTF-16 and UTF-32 bodies it accepted when it
 * read reviews with Jackson. The API server sends UTF-8; the others are converted to it for {@link
 * JsonCursor}, which is the uncommon path and may allocate.
 */
enum BodyEncoding {
  UTF8,
  UTF8_BOM,
  UTF16BE,
  UTF16LE,
  UTF16BE_BOM,
  UTF16LE_BOM,
  UTF32BE,
  UTF32LE,
  UTF32BE_BOM,
  UTF32LE_BOM,
  UCS4_2143,
  UCS4_3412;

  static BodyEncoding of(byte[] b, int offset, int length) {
    if (length >= 4) {
      int quad =
          (b[offset] & 0xFF) << 24
              | (b[offset + 1] & 0xFF) << 16
              | (b[offset + 2] & 0xFF) << 8
              | (b[offset + 3] & 0xFF);
      switch (quad) {
        case 0x0000FEFF:
          return UTF32BE_BOM;
        case 0xFFFE0000:
          return UTF32LE_BOM;
        case 0x0000FFFE:
          return UCS4_2143;
        case 0xFEFF0000:
          return UCS4_3412;
        default:
          break;
      }
      int high = quad >>> 16;
      if (high == 0xFEFF) return UTF16BE_BOM;
      if (high == 0xFFFE) return UTF16LE_BOM;
      if ((quad >>> 8) == 0xEFBBBF) return UTF8_BOM;
      if ((quad >> 8) == 0) return UTF32BE;
      if ((quad & 0x00FFFFFF) == 0) return UTF32LE;
      if ((quad & ~0x00FF0000) == 0) return UCS4_3412;
      if ((quad & ~0x0000FF00) == 0) return UCS4_2143;
      return utf16(high);
    }
    if (length >= 2) return utf16((b[offset] & 0xFF) << 8 | (b[offset + 1] & 0xFF));
    return UTF8;
  }

  private static BodyEncoding utf16(int first) {
    if ((first & 0xFF00) == 0) return UTF16BE;
    if ((first & 0x00FF) == 0) return UTF16LE;
    return UTF8;
  }

  /**
   * The body as UTF-8 (without its BOM), for any encoding but UTF-8's own; as far as it could be
   * converted, and why not further.
   */
  record Converted(byte[] utf8, String unreadableTail) {}

  static Converted toUtf8(byte[] b, int offset, int length) throws BadReviewException {
    return switch (BodyEncoding.of(b, offset, length)) {
      case UTF16BE -> utf16(b, offset, length, true);
      case UTF16LE -> utf16(b, offset, length, false);
      case UTF16BE_BOM -> utf16(b, offset + 2, length - 2, true);
      case UTF16LE_BOM -> utf16(b, offset + 2, length - 2, false);
      case UTF32BE -> utf32(b, offset, length, true);
      case UTF32LE -> utf32(b, offset, length, false);
      case UTF32BE_BOM -> utf32(b, offset + 4, length - 4, true);
      case UTF32LE_BOM -> utf32(b, offset + 4, length - 4, false);
      case UCS4_2143 -> throw unreadable("Unsupported UCS-4 endianness (2143) detected");
      case UCS4_3412 -> throw unreadable("Unsupported UCS-4 endianness (3412) detected");
      case UTF8, UTF8_BOM -> throw new IllegalArgumentException("already UTF-8");
    };
  }

  /** Malformed units become U+FFFD, as with the JDK decoder Jackson reads UTF-16 through. */
  private static Converted utf16(byte[] b, int offset, int length, boolean bigEndian) {
    return new Converted(
        new String(
                b,
                offset,
                length,
                bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE)
            .getBytes(StandardCharsets.UTF_8),
        null);
  }

  /**
   * Like Jackson's UTF-32 reader: a code point above U+10FFFF makes the body unreadable (Jackson
   * converts its first 4000 chars before it parses, so for any review of a sane size it reports
   * that first); a partial last unit makes only the end unreadable (Jackson meets it last, after
   * what it read may have been refused). Surrogate code points pass, as single chars, so they are
   * written in the 3-byte form that {@link JsonCursor} decodes back to the same char.
   */
  private static Converted utf32(byte[] b, int offset, int length, boolean bigEndian)
      throws BadReviewException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length / 4 + 16);
    int units = length / 4;
    for (int i = 0; i < units; i++) {
      int p = offset + 4 * i;
      int cp =
          bigEndian
              ? (b[p] & 0xFF) << 24
                  | (b[p + 1] & 0xFF) << 16
                  | (b[p + 2] & 0xFF) << 8
                  | b[p + 3] & 0xFF
              : (b[p + 3] & 0xFF) << 24
                  | (b[p + 2] & 0xFF) << 16
                  | (b[p + 1] & 0xFF) << 8
                  | b[p] & 0xFF;
      if (cp < 0 || cp > Character.MAX_CODE_POINT) {
        throw unreadable(
            "Invalid UTF-32 character 0x" + Integer.toHexString(cp) + " (above 0x10ffff)");
      }
      if (cp < 0x80) {
        out.write(cp);
      } else if (cp < 0x800) {
        out.write(0xC0 | cp >> 6);
        out.write(0x80 | cp & 0x3F);
      } else if (cp < 0x10000) {
        out.write(0xE0 | cp >> 12);
        out.write(0x80 | cp >> 6 & 0x3F);
        out.write(0x80 | cp & 0x3F);
      } else {
        out.write(0xF0 | cp >> 18);
        out.write(0x80 | cp >> 12 & 0x3F);
        out.write(0x80 | cp >> 6 & 0x3F);
        out.write(0x80 | cp & 0x3F);
      }
    }
    String tail =
        length % 4 == 0
            ? null
            : "Unexpected EOF in the middle of a 4-byte UTF-32 char: got "
                + length % 4
                + ", needed 4";
    return new Converted(out.toByteArray(), tail);
  }

  private static BadReviewException unreadable(String why) {
    return new BadReviewException("the body could not be read: " + why);
  }
}
