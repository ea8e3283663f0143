package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cursor on its own: decoding, name matching, skipping, limits and where errors point. */
class JsonCursorTest {
  private static JsonCursor at(byte[] json) throws BadReviewException {
    JsonCursor c = new JsonCursor(json, 0, json.length);
    assertThat(c.first()).isEqualTo(JsonCursor.OBJECT);
    c.enter();
    return c;
  }

  private static JsonCursor at(String json) throws BadReviewException {
    return at(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The string value of the only field of {@code {"v": <value>}}. */
  private static String string(byte[] value) throws BadReviewException {
    byte[] json = new byte[value.length + 7];
    System.arraycopy("{\"v\":".getBytes(StandardCharsets.US_ASCII), 0, json, 0, 5);
    System.arraycopy(value, 0, json, 5, value.length);
    json[json.length - 2] = ' ';
    json[json.length - 1] = '}';
    JsonCursor c = at(json);
    assertThat(c.nextField()).isTrue();
    assertThat(c.kind()).isEqualTo(JsonCursor.STRING);
    String read = c.readString();
    assertThat(c.nextField()).isFalse();
    assertThat(c.next()).isZero();
    return read;
  }

  private static String string(String value) throws BadReviewException {
    return string(value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesEveryEscape() throws BadReviewException {
    assertThat(string("\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\""))
        .isEqualTo("a\"b\\c/d\be\ff\ng\rh\ti");
    assertThat(string("\"\\u0041\\u00e9\\u20AC\\u0000\"")).isEqualTo("Aé€\0");
  }

  @Test
  void keepsSurrogatePairsAndLoneSurrogatesAsTheyAre() throws BadReviewException {
    assertThat(string("\"\\uD83D\\uDE00\"")).isEqualTo("\uD83D\uDE00");
    assertThat(string("\"x\\uD800y\"")).isEqualTo("x\uD800y");
    assertThat(string("\"\\uDC00\"")).isEqualTo("\uDC00");
  }

  @Test
  void decodesUtf8OfEveryLength() throws BadReviewException {
    assertThat(string("\"é\"")).isEqualTo("é"); // 2 bytes
    assertThat(string("\"€ and ☃\"")).isEqualTo("€ and ☃"); // 3 bytes
    assertThat(string("\"😀\"")).isEqualTo("😀"); // 4 bytes: a surrogate pair
    assertThat(string("\"aé€😀z\"")).isEqualTo("aé€😀z");
  }

  @Test
  void refusesBrokenUtf8AndEscapes() {
    assertThatThrownBy(() -> string(new byte[] {'"', (byte) 0xC3, '"'}))
        .hasMessageStartingWith("the body is not valid JSON: Invalid UTF-8 middle byte 0x22");
    assertThatThrownBy(() -> string(new byte[] {'"', (byte) 0x80, '"'}))
        .hasMessageStartingWith("the body is not valid JSON: Invalid UTF-8 start byte 0x80");
    assertThatThrownBy(() -> string("\"\\x\""))
        .hasMessageStartingWith("the body is not valid JSON: Unrecognized character escape 'x'");
    assertThatThrownBy(() -> string("\"\\u12G4\""))
        .hasMessageContaining("expected a hex-digit for character escape sequence");
    assertThatThrownBy(() -> string("\"a\u0001\""))
        .hasMessageContaining("Illegal unquoted character ((CTRL-CHAR, code 1))");
  }

  @Test
  void matchesNamesByTheirBytesAndEscapedNamesByTheirText() throws BadReviewException {
    JsonCursor c =
        at("{\"kind\":1,\"k\\u0069nd\":2,\"kinds\":3,\"kin\":4,\"\\\"kind\":5,\"kïnd\":6}");
    boolean[] expected = {true, true, false, false, false, false};
    for (boolean match : expected) {
      assertThat(c.nextField()).isTrue();
      assertThat(c.fieldIs(JsonCursor.name("kind"))).isEqualTo(match);
    }
    assertThat(c.nextField()).isFalse();
    JsonCursor names = at("{\"\\\"kind\":1,\"kïnd\":2,\"a\\\\b\":3}");
    for (String name : new String[] {"\"kind", "kïnd", "a\\b"}) {
      assertThat(names.nextField()).isTrue();
      assertThat(names.fieldName()).isEqualTo(name);
    }
  }

  @Test
  void skipsAValueWhateverItHolds() throws BadReviewException {
    JsonCursor c =
        at(
            "{\"skip\":{\"a\":[1,-2.5e+3,true,false,null,\"x\\\"]}\\\\\",{},[],{\"b\":[[\"}\"]]}]},"
                + "\"keep\":\"yes\"}");
    assertThat(c.nextField()).isTrue();
    c.skipValue();
    assertThat(c.nextField()).isTrue();
    assertThat(c.fieldName()).isEqualTo("keep");
    assertThat(c.readString()).isEqualTo("yes");
    assertThat(c.nextField()).isFalse();
  }

  @Test
  void refusesWhatIsNotJsonInsideASkippedValue() {
    for (String bad :
        new String[] {
          "[1,]",
          "[1 2]",
          "{\"a\" 1}",
          "{\"a\":1,}",
          "{\"a\":1 \"b\":2}",
          "[01]",
          "[1.]",
          "[-]",
          "[1e]",
          "[tru]",
          "[nul]",
          "[truex]",
          "[\"a]",
          "[}",
          "{]",
          "[[]",
          "[\"\\q\"]",
          "[.5]",
          "[+1]"
        }) {
      assertThatThrownBy(
              () -> {
                JsonCursor c = at("{\"v\":" + bad + "}");
                c.nextField();
                c.skipValue();
                c.nextField();
              })
          .as(bad)
          .isInstanceOf(BadReviewException.class)
          .hasMessageStartingWith("the body is not valid JSON: ");
    }
  }

  @Test
  void limitsTheNestingDepthAsJacksonDoes() throws BadReviewException {
    String fits = "{\"v\":" + "[".repeat(999) + "]".repeat(999) + "}";
    JsonCursor c = at(fits);
    c.nextField();
    c.skipValue();
    assertThat(c.nextField()).isFalse();
    String deeper = "{\"v\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
    assertThatThrownBy(
            () -> {
              JsonCursor d = at(deeper);
              d.nextField();
              d.skipValue();
            })
        .hasMessageStartingWith(
            "the body is not valid JSON: Document nesting depth (1001) exceeds the maximum allowed"
                + " (1000)");
  }

  @Test
  void limitsTheNumberLengthAsJacksonDoes() throws BadReviewException {
    at("{\"v\":" + "1".repeat(1000) + "}").nextField();
    assertThatThrownBy(() -> at("{\"v\":" + "1".repeat(1001) + "}").nextField())
        .hasMessageContaining("Number value length (1001) exceeds the maximum allowed (1000)");
  }

  @Test
  void saysOnWhichLineAndColumnTheErrorIs() {
    assertThatThrownBy(
            () -> {
              JsonCursor c = at("{\n  \"v\": [1,\n    2 x]\n}");
              c.nextField();
              c.skipValue();
            })
        .hasMessage(
            "the body is not valid JSON: Unexpected character ('x' (code 120)): was expecting comma"
                + " to separate Array entries (line 3, column 7)");
    assertThatThrownBy(
            () -> {
              JsonCursor c = at("{\r\n\"a\":\r\"\u0002\"}");
              c.nextField();
              c.skipValue();
            })
        .hasMessageEndingWith("(line 3, column 2)");
    assertThatThrownBy(
            () -> {
              JsonCursor c = at("{\"a\":1");
              c.nextField();
              c.nextField();
            })
        .hasMessage(
            "the body is not valid JSON: Unexpected end-of-input: expected close marker for OBJECT"
                + " (line 1, column 7)");
  }

  @Test
  void readsOnlyItsRangeOfTheArray() throws BadReviewException {
    byte[] padded = "[[[{\"v\":\"in\"}]]]".getBytes(StandardCharsets.US_ASCII);
    JsonCursor c = new JsonCursor(padded, 3, 10);
    assertThat(c.first()).isEqualTo(JsonCursor.OBJECT);
    c.enter();
    c.nextField();
    assertThat(c.readString()).isEqualTo("in");
    assertThat(c.nextField()).isFalse();
    assertThat(c.next()).isZero();
  }
}
