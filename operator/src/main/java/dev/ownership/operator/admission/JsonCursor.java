package dev.ownership.operator.admission;

import dev.ownership.operator.text.SafeText;
import java.nio.charset.StandardCharsets;

/**
 * A forward-only cursor over the UTF-8 bytes of one JSON document, for {@link
 * AdmissionReviewReader}. It exists because reading the review with Jackson cost 28 % of the
 * webhook's CPU, 18 % of it tokenizing the parts the decision skips (the pod spec, managedFields,
 * status of two whole Deployments): here a skipped value is only scanned, field names are compared
 * as bytes, and a String is made only for the values that are kept.
 *
 * <p>It accepts exactly the documents Jackson's default parser accepts (the differential test holds
 * it to that), skipped parts included: the same grammar, the same UTF-8 checks (and leniencies:
 * like Jackson it does not reject overlong forms or encoded surrogates), the same limits
 * (StreamReadConstraints' defaults), and it decodes what it keeps to the same chars. Values are
 * checked in the order Jackson's token stream reaches them, so that a semantic error found first
 * still wins over a syntax error further on, as it did.
 *
 * <p>Not thread-safe; one per document.
 */
final class JsonCursor {
  /** Jackson's default {@code StreamReadConstraints.getMaxNestingDepth()}. */
  static final int MAX_DEPTH = 1000;

  /** Jackson's default maximum number length, in digits. */
  static final int MAX_NUMBER_LENGTH = 1000;

  /** Jackson's default maximum length of a decoded string, in chars. */
  static final int MAX_STRING_LENGTH = 20_000_000;

  /** Jackson's default maximum length of a field name, in UTF-8 bytes. */
  static final int MAX_NAME_LENGTH = 50_000;

  static final int OBJECT = 1;
  static final int ARRAY = 2;
  static final int STRING = 3;
  static final int NUMBER = 4;
  static final int TRUE = 5;
  static final int FALSE = 6;
  static final int NULL = 7;

  /** Jackson quotes at most this much of an unrecognized token. */
  private static final int TOKEN_ECHO = 256;

  private static final String VALUE_LIST =
      "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

  /** Per byte: 0 for a byte a string may hold as is, 1 for one that needs a closer look. */
  private static final byte[] STRING_SPECIAL = new byte[256];

  static {
    for (int c = 0; c < 0x20; c++) STRING_SPECIAL[c] = 1;
    for (int c = 0x80; c < 0x100; c++) STRING_SPECIAL[c] = 1;
    STRING_SPECIAL['"'] = 1;
    STRING_SPECIAL['\\'] = 1;
  }

  private final byte[] b;
  private final int start;
  private final int end;
  private int pos;
  private int depth;

  /** One bit per open container, set for an object; indexed by depth. */
  private final long[] containers = new long[(MAX_DEPTH + 64) / 64 + 1];

  /** Set by enter; tells the next {@link #nextField} or {@link #nextElement} there is no comma. */
  private boolean justOpened;

  /** The kind of the value the cursor stands before (numbers and literals already consumed). */
  private int kind;

  /** The current field name's bytes, between its quotes. */
  private int nameStart;

  private int nameEnd;

  /** The decoded name when its bytes are not the name itself (escapes, non-ASCII); else null. */
  private String decodedName;

  /** Why the body goes on past {@link #end} but could not be converted to UTF-8 there; or null. */
  private final String unreadableTail;

  JsonCursor(byte[] body, int offset, int length) {
    this(body, offset, length, null);
  }

  JsonCursor(byte[] body, int offset, int length, String unreadableTail) {
    this.unreadableTail = unreadableTail;
    this.b = body;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
  }

  // ---- top level ----

  /**
   * Moves to the first value of the document and returns its kind, or 0 for an empty document. A
   * number or literal is consumed (and checked, root-level rules included); anything else is not.
   */
  int first() throws BadReviewException {
    skipWhitespace();
    if (pos >= end) {
      if (unreadableTail != null) throw unreadable();
      return 0;
    }
    kind = classify(true);
    return kind;
  }

  /**
   * After the top-level value: 0 when only whitespace follows, else the kind of the next value
   * (checked as far as Jackson checks it before handing out its token).
   */
  int next() throws BadReviewException {
    skipWhitespace();
    if (pos >= end) {
      if (unreadableTail != null) throw unreadable();
      return 0;
    }
    byte c = b[pos];
    if (c == ']' || c == '}') throw unexpected("expected a value", pos);
    kind = classify(true);
    return kind;
  }

  /** The kind of the value the cursor stands before. */
  int kind() {
    return kind;
  }

  // ---- objects and arrays ----

  /** Enters the object or array the cursor stands before. */
  void enter() throws BadReviewException {
    open(b[pos] == '{');
    pos++;
    justOpened = true;
  }

  /**
   * Moves to the next field of the current object and before its value; false, and out of the
   * object, at its end.
   */
  boolean nextField() throws BadReviewException {
    if (!toNextMember((byte) '}', "OBJECT", "Object", "expected a field name")) return false;
    if (b[pos] != '"') throw unexpected("was expecting double-quote to start field name", pos);
    readName();
    skipWhitespace();
    if (pos >= end) throw endOfInput("expected a colon to separate field name and value");
    if (b[pos] != ':')
      throw unexpected("was expecting a colon to separate field name and value", pos);
    pos++;
    skipWhitespace();
    if (pos >= end) throw endOfInput("expected a value");
    kind = classify(false);
    return true;
  }

  /**
   * Moves before the next element of the current array; false, and out of the array, at its end.
   */
  boolean nextElement() throws BadReviewException {
    if (!toNextMember((byte) ']', "ARRAY", "Array", "expected a value")) return false;
    kind = classify(false);
    return true;
  }

  /**
   * The step fields and elements share: past the comma before the next member (none before the
   * first), or past {@code close} and out of the container, which returns false. Leaves {@code pos}
   * on the member's first byte.
   */
  private boolean toNextMember(byte close, String marker, String entries, String afterComma)
      throws BadReviewException {
    skipWhitespace();
    if (pos >= end) throw endOfInput("expected close marker for " + marker);
    byte c = b[pos];
    boolean first = justOpened;
    justOpened = false;
    if (c == close) {
      pos++;
      depth--;
      return false;
    }
    if (first) return true;
    if (c != ',') throw unexpected("was expecting comma to separate " + entries + " entries", pos);
    pos++;
    skipWhitespace();
    if (pos >= end) throw endOfInput(afterComma);
    return true;
  }

  /** Whether the current field is named {@code name} (ASCII). */
  boolean fieldIs(byte[] name) {
    if (decodedName != null) {
      if (decodedName.length() != name.length) return false;
      for (int i = 0; i < name.length; i++) {
        if (decodedName.charAt(i) != name[i]) return false;
      }
      return true;
    }
    int length = nameEnd - nameStart;
    if (length != name.length) return false;
    for (int i = 0; i < length; i++) {
      if (b[nameStart + i] != name[i]) return false;
    }
    return true;
  }

  /** The current field's name. */
  String fieldName() {
    if (decodedName != null) return decodedName;
    return new String(b, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1);
  }

  static byte[] name(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }

  // ---- values ----

  /** Reads the string the cursor stands before. */
  String readString() throws BadReviewException {
    int from = pos + 1;
    int p = from;
    while (p < end) {
      int c = b[p] & 0xFF;
      if (STRING_SPECIAL[c] != 0) {
        if (c == '"') {
          if (p - from > MAX_STRING_LENGTH) break;
          pos = p + 1;
          return new String(b, from, p - from, StandardCharsets.ISO_8859_1);
        }
        break;
      }
      p++;
    }
    StringBuilder out = new StringBuilder(p - from + 16);
    out.append(new String(b, from, p - from, StandardCharsets.ISO_8859_1));
    pos = p;
    decodeRest(out, false, "string value");
    if (out.length() > MAX_STRING_LENGTH) {
      throw new BadReviewException(
          "the body is not valid JSON: a string is longer than "
              + MAX_STRING_LENGTH
              + " characters"
              + where(from));
    }
    return out.toString();
  }

  /** Skips the value the cursor stands before, whatever it is. */
  void skipValue() throws BadReviewException {
    switch (kind) {
      case STRING -> skipString();
      case OBJECT, ARRAY -> skipContainer();
      default -> {
        // numbers and literals were consumed when they were met
      }
    }
  }

  // ---- scanning ----

  private void skipWhitespace() {
    while (pos < end) {
      byte c = b[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      pos++;
    }
  }

  /** What the value at pos is; numbers and literals are consumed and checked on the way. */
  private int classify(boolean root) throws BadReviewException {
    byte c = b[pos];
    switch (c) {
      case '{':
        return OBJECT;
      case '[':
        return ARRAY;
      case '"':
        return STRING;
      case 't':
        literal("true");
        return TRUE;
      case 'f':
        literal("false");
        return FALSE;
      case 'n':
        literal("null");
        return NULL;
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
        number(root);
        return NUMBER;
      default:
        throw unexpectedValue(pos);
    }
  }

  private void literal(String word) throws BadReviewException {
    int from = pos;
    int n = word.length();
    for (int i = 1; i < n; i++) {
      if (from + i >= end || b[from + i] != word.charAt(i)) throw unrecognizedToken(from);
    }
    int after = from + n;
    if (after < end) {
      int c = b[after] & 0xFF;
      // Jackson's rule: a literal glued to a letter or digit is one unknown word
      if (c >= '0' && c != ']' && c != '}') {
        int cp = c < 0x80 ? c : codePointForError(after);
        if (cp < 0 || Character.isJavaIdentifierPart((char) cp)) throw unrecognizedToken(from);
      }
    }
    pos = after;
  }

  private void number(boolean root) throws BadReviewException {
    int p = pos;
    if (b[p] == '-') {
      p++;
      if (p >= end) throw endOfInput("in a Number value");
      if (!digit(b[p]))
        throw unexpected("expected digit (0-9) to follow minus sign, for valid numeric value", p);
    }
    int digitsFrom = p;
    if (b[p] == '0' && p + 1 < end && digit(b[p + 1])) {
      throw syntax("Invalid numeric value: Leading zeroes not allowed", p + 1);
    }
    while (p < end && digit(b[p])) p++;
    int length = p - digitsFrom;
    if (p < end && b[p] == '.') {
      p++;
      int fraction = p;
      while (p < end && digit(b[p])) p++;
      if (p == fraction) {
        if (p >= end) throw endOfInput("in a Number value");
        throw unexpected("Decimal point not followed by a digit", p);
      }
      length += p - fraction;
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < end && (b[p] == '+' || b[p] == '-')) p++;
      int exponent = p;
      while (p < end && digit(b[p])) p++;
      if (p == exponent) {
        if (p >= end) throw endOfInput("in a Number value");
        throw unexpected("Exponent indicator not followed by a digit", p);
      }
      length += p - exponent;
    }
    if (length > MAX_NUMBER_LENGTH) {
      throw syntax(
          "Number value length ("
              + length
              + ") exceeds the maximum allowed ("
              + MAX_NUMBER_LENGTH
              + ")",
          pos);
    }
    if (root && p < end) {
      byte c = b[p];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        throw unexpected("Expected space separating root-level values", p);
    }
    pos = p;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private void open(boolean object) throws BadReviewException {
    if (++depth > MAX_DEPTH) {
      throw syntax(
          "Document nesting depth (" + depth + ") exceeds the maximum allowed (" + MAX_DEPTH + ")",
          pos);
    }
    long bit = 1L << (depth & 63);
    if (object) containers[depth >> 6] |= bit;
    else containers[depth >> 6] &= ~bit;
  }

  private boolean inObject() {
    return (containers[depth >> 6] & (1L << (depth & 63))) != 0;
  }

  /**
   * Skips the object or array at pos by scanning: the grammar is checked, nothing is kept. One loop
   * with the open containers in a bit stack rather than recursion, so depth costs no stack.
   */
  private void skipContainer() throws BadReviewException {
    final int base = depth;
    // at a value's first byte (0), or after a value (1)
    boolean afterValue = false;
    for (; ; ) {
      if (!afterValue) {
        byte c = b[pos];
        if (c == '{' || c == '[') {
          boolean object = c == '{';
          open(object);
          pos++;
          skipWhitespace();
          if (pos >= end)
            throw endOfInput(object ? "expected close marker for OBJECT" : "expected a value");
          c = b[pos];
          if (c == (object ? '}' : ']')) {
            pos++;
            depth--;
            if (depth == base) return;
            afterValue = true;
            continue;
          }
          if (object) {
            memberName();
            if (pos >= end) throw endOfInput("expected a value");
          }
          continue;
        }
        switch (c) {
          case '"' -> skipString();
          case 't' -> literal("true");
          case 'f' -> literal("false");
          case 'n' -> literal("null");
          case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number(false);
          default -> throw unexpectedValue(pos);
        }
        afterValue = true;
        continue;
      }
      skipWhitespace();
      if (pos >= end)
        throw endOfInput(
            inObject() ? "expected close marker for OBJECT" : "expected close marker for ARRAY");
      byte c = b[pos];
      boolean object = inObject();
      if (c == ',') {
        pos++;
        skipWhitespace();
        if (pos >= end) throw endOfInput(object ? "expected a field name" : "expected a value");
        if (object) {
          memberName();
          if (pos >= end) throw endOfInput("expected a value");
        }
        afterValue = false;
      } else if (c == (object ? '}' : ']')) {
        pos++;
        depth--;
        if (depth == base) return;
      } else if (c == '}' || c == ']') {
        throw syntax(
            "Unexpected close marker '" + (char) c + "': expected '" + (object ? '}' : ']') + "'",
            pos);
      } else {
        throw unexpected(
            object
                ? "was expecting comma to separate Object entries"
                : "was expecting comma to separate Array entries",
            pos);
      }
    }
  }

  /** A member's name, its colon and the whitespace up to its value, in a skipped object. */
  private void memberName() throws BadReviewException {
    if (b[pos] != '"') throw unexpected("was expecting double-quote to start field name", pos);
    readName();
    skipWhitespace();
    if (pos >= end) throw endOfInput("expected a colon to separate field name and value");
    if (b[pos] != ':')
      throw unexpected("was expecting a colon to separate field name and value", pos);
    pos++;
    skipWhitespace();
  }

  /** The name at pos (its opening quote): checked, and decoded only when its bytes are not it. */
  private void readName() throws BadReviewException {
    int from = pos + 1;
    int p = from;
    while (p < end) {
      int c = b[p] & 0xFF;
      if (STRING_SPECIAL[c] != 0) {
        if (c == '"') {
          if (p - from > MAX_NAME_LENGTH) throw nameTooLong(from, p - from);
          nameStart = from;
          nameEnd = p;
          decodedName = null;
          pos = p + 1;
          return;
        }
        break;
      }
      p++;
    }
    StringBuilder out = new StringBuilder(p - from + 16);
    out.append(new String(b, from, p - from, StandardCharsets.ISO_8859_1));
    pos = p;
    decodeRest(out, true, "name");
    // Jackson measures the name as UTF-8: the raw bytes, re-encoded where escapes stood
    int bytes = pos - 1 - from;
    for (int i = from; i < pos - 1; i++) {
      if (b[i] == '\\') {
        bytes = utf8Length(out);
        break;
      }
    }
    if (bytes > MAX_NAME_LENGTH) throw nameTooLong(from, bytes);
    decodedName = out.toString();
  }

  private BadReviewException nameTooLong(int from, int length) {
    return syntax(
        "Name length (" + length + ") exceeds the maximum allowed (" + MAX_NAME_LENGTH + ")", from);
  }

  private static int utf8Length(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return n;
  }

  /** Skips the string at pos (its opening quote), checking it as if it were decoded. */
  private void skipString() throws BadReviewException {
    int p = pos + 1;
    final byte[] buf = b;
    final int limit = end;
    for (; ; ) {
      while (p < limit && STRING_SPECIAL[buf[p] & 0xFF] == 0) p++;
      if (p >= limit) throw endOfInput("in VALUE_STRING");
      int c = buf[p] & 0xFF;
      if (c == '"') {
        pos = p + 1;
        return;
      }
      if (c == '\\') {
        p = escape(p, null);
      } else if (c < 0x20) {
        throw controlCharacter(c, "string value", p);
      } else {
        p = utf8(p, null, false);
      }
    }
  }

  /** Decodes from pos to the closing quote into {@code out}; pos ends after the quote. */
  private void decodeRest(StringBuilder out, boolean name, String what) throws BadReviewException {
    int p = pos;
    for (; ; ) {
      int runFrom = p;
      while (p < end && STRING_SPECIAL[b[p] & 0xFF] == 0) p++;
      if (p > runFrom) out.append(new String(b, runFrom, p - runFrom, StandardCharsets.ISO_8859_1));
      if (p >= end) throw endOfInput(name ? "in field name" : "in VALUE_STRING");
      int c = b[p] & 0xFF;
      if (c == '"') {
        pos = p + 1;
        return;
      }
      if (c == '\\') {
        p = escape(p, out);
      } else if (c < 0x20) {
        throw controlCharacter(c, what, p);
      } else {
        p = utf8(p, out, name);
      }
    }
  }

  /** The escape at p (its backslash); appends its char to out when out is not null. */
  private int escape(int p, StringBuilder out) throws BadReviewException {
    int at = p + 1;
    if (at >= end) throw endOfInput("in character escape sequence");
    int c = b[at] & 0xFF;
    char decoded;
    switch (c) {
      case '"' -> decoded = '"';
      case '\\' -> decoded = '\\';
      case '/' -> decoded = '/';
      case 'b' -> decoded = '\b';
      case 'f' -> decoded = '\f';
      case 'n' -> decoded = '\n';
      case 'r' -> decoded = '\r';
      case 't' -> decoded = '\t';
      case 'u' -> {
        int value = 0;
        for (int i = 1; i <= 4; i++) {
          int q = at + i;
          if (q >= end) throw endOfInput("in character escape sequence");
          int h = hex(b[q]);
          if (h < 0) throw unexpected("expected a hex-digit for character escape sequence", q);
          value = (value << 4) | h;
        }
        if (out != null) out.append((char) value);
        return at + 5;
      }
      default -> {
        int cp = c < 0x80 ? c : codePointForError(at);
        String shown =
            cp < 0
                ? "(byte 0x" + Integer.toHexString(c) + ")"
                : "'" + (char) cp + "' (code " + cp + ")";
        throw syntax("Unrecognized character escape " + shown, at);
      }
    }
    if (out != null) out.append(decoded);
    return at + 1;
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  /**
   * The multi-byte UTF-8 sequence at p; appends its chars to out when out is not null. Checks what
   * Jackson checks (the lead byte's form, each continuation byte's form, the end of input) and
   * computes the chars as it does, overlong forms and surrogates included; names combine the
   * surrogate pair of a 4-byte sequence with {@code +} where strings use {@code |}, as Jackson
   * does, which differs only for the overlong forms.
   */
  private int utf8(int p, StringBuilder out, boolean name) throws BadReviewException {
    int c = b[p] & 0xFF;
    int needed;
    if ((c & 0xE0) == 0xC0) {
      c &= 0x1F;
      needed = 1;
    } else if ((c & 0xF0) == 0xE0) {
      c &= 0x0F;
      needed = 2;
    } else if ((c & 0xF8) == 0xF0) {
      c &= 0x07;
      needed = 3;
    } else {
      throw syntax("Invalid UTF-8 start byte 0x" + Integer.toHexString(c), p);
    }
    int q = p + 1;
    for (int i = 0; i < needed; i++, q++) {
      if (q >= end) throw endOfInput(name ? "in field name" : "in VALUE_STRING");
      int d = b[q] & 0xFF;
      if ((d & 0xC0) != 0x80)
        throw syntax("Invalid UTF-8 middle byte 0x" + Integer.toHexString(d), q);
      c = (c << 6) | (d & 0x3F);
    }
    if (out != null) {
      if (needed == 3) {
        c -= 0x10000;
        out.append((char) (name ? 0xD800 + (c >> 10) : 0xD800 | (c >> 10)));
        out.append((char) (0xDC00 | (c & 0x3FF)));
      } else {
        out.append((char) c);
      }
    }
    return q;
  }

  /** The code point of the UTF-8 sequence at p, or -1 when it is not well-formed enough. */
  private int codePointForError(int p) {
    int c = b[p] & 0xFF;
    int needed;
    if ((c & 0xE0) == 0xC0) {
      c &= 0x1F;
      needed = 1;
    } else if ((c & 0xF0) == 0xE0) {
      c &= 0x0F;
      needed = 2;
    } else if ((c & 0xF8) == 0xF0) {
      c &= 0x07;
      needed = 3;
    } else {
      return -1;
    }
    for (int i = 1; i <= needed; i++) {
      if (p + i >= end) return -1;
      int d = b[p + i] & 0xFF;
      if ((d & 0xC0) != 0x80) return -1;
      c = (c << 6) | (d & 0x3F);
    }
    return c;
  }

  // ---- errors ----

  private BadReviewException unexpectedValue(int at) {
    int c = b[at] & 0xFF;
    int cp = c < 0x80 ? c : codePointForError(at);
    if (cp >= 0 && Character.isJavaIdentifierStart((char) cp)) return unrecognizedToken(at);
    return unexpected("expected a valid value " + VALUE_LIST, at);
  }

  /** The word starting at {@code from}, as Jackson quotes an unknown one. */
  private BadReviewException unrecognizedToken(int from) {
    StringBuilder word = new StringBuilder();
    int p = from;
    while (p < end && word.length() < TOKEN_ECHO) {
      int c = b[p] & 0xFF;
      int cp = c < 0x80 ? c : codePointForError(p);
      if (cp < 0 || !Character.isJavaIdentifierPart((char) cp)) break;
      word.append((char) cp); // Jackson's cut, which also spares the code points past U+10FFFF
      p += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    if (word.length() == 0) word.append((char) b[from]);
    return syntax("Unrecognized token '" + word + "': was expecting " + VALUE_LIST, from);
  }

  private BadReviewException unexpected(String expected, int at) {
    int c = b[at] & 0xFF;
    String shown;
    if (c < 0x20) shown = "(CTRL-CHAR, code " + c + ")";
    else if (c < 0x80) shown = "('" + (char) c + "' (code " + c + "))";
    else shown = "(byte 0x" + Integer.toHexString(c) + ")";
    return syntax("Unexpected character " + shown + ": " + expected, at);
  }

  private BadReviewException controlCharacter(int c, String what, int at) {
    return syntax(
        "Illegal unquoted character ((CTRL-CHAR, code "
            + c
            + ")): has to be escaped using backslash to be included in "
            + what,
        at);
  }

  private BadReviewException unreadable() {
    return new BadReviewException("the body could not be read: " + unreadableTail);
  }

  private BadReviewException endOfInput(String what) {
    if (unreadableTail != null) return unreadable();
    return syntax("Unexpected end-of-input: " + what, end);
  }

  private BadReviewException syntax(String what, int at) {
    return new BadReviewException("the body is not valid JSON: " + SafeText.of(what) + where(at));
  }

  /** " (line L, column C)" of byte {@code at}, 1-based and counted as Jackson counts them. */
  private String where(int at) {
    int line = 1;
    int lineStart = start;
    for (int p = start; p < at && p < end; p++) {
      byte c = b[p];
      if (c == '\n') {
        line++;
        lineStart = p + 1;
      } else if (c == '\r') {
        if (p + 1 < at && b[p + 1] == '\n') p++;
        line++;
        lineStart = p + 1;
      }
    }
    return " (line " + line + ", column " + (at - lineStart + 1) + ")";
  }
}
