package dev.ownership.operator.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads the JSON values of one text, one after the other, into trees with lines, within {@link
 * ReadLimits}: a string longer than an object may be fails as soon as it is that long.
 */
final class JsonDocuments implements AutoCloseable {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(ReadLimits.MAX_OBJECT_BYTES)
                  .maxNestingDepth(ReadLimits.MAX_DEPTH)
                  .maxDocumentLength(ReadLimits.MAX_SOURCE_BYTES)
                  .build())
          .build();

  private final JsonParser parser;
  private int number;
  private long objectStart;
  private long lastSize;

  JsonDocuments(String text) {
    try {
      parser = FACTORY.createParser(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 1-based number of the value last returned (or failing). */
  int number() {
    return number;
  }

  /** Characters of the value last returned. */
  long lastSize() {
    return lastSize;
  }

  /** The next top-level value; null at the end of the text. */
  TreeBuilder next() throws UnreadableDocument {
    TreeBuilder tree = new TreeBuilder(() -> objectStart = tokenOffset());
    try {
      JsonToken token = parser.nextToken();
      if (token == null) return null;
      number++;
      objectStart = tokenOffset();
      long valueStart = objectStart;
      int depth = 0;
      do {
        depth += accept(token, tree);
        if (parser.currentLocation().getCharOffset() - objectStart > ReadLimits.MAX_OBJECT_BYTES)
          throw new UnreadableDocument(UnreadableDocument.tooLarge(), line(), tree.currentItem());
        if (depth == 0) break;
        token = parser.nextToken();
      } while (token != null);
      if (depth != 0) throw new UnreadableDocument("JSON syntax error: unexpected end", line(), 0);
      lastSize = parser.currentLocation().getCharOffset() - valueStart;
      return tree;
    } catch (StreamConstraintsException e) {
      String message =
          e.getMessage() != null && e.getMessage().contains("nesting")
              ? "is nested deeper than " + ReadLimits.MAX_DEPTH + " levels"
              : UnreadableDocument.tooLarge();
      throw new UnreadableDocument(message, line(), tree.currentItem());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 1
              ? ""
              : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new UnreadableDocument(
          "JSON syntax error" + where + ": " + YamlDocuments.firstLineOf(e.getOriginalMessage()),
          at == null ? 0 : Math.max(0, at.getLineNr()),
          0);
    } catch (IOException e) {
      throw new UnreadableDocument("cannot parse: " + e.getMessage(), 0, 0);
    }
  }

  /** Hands one token to the tree; returns how it changes the nesting depth. */
  private int accept(JsonToken token, TreeBuilder tree) throws IOException, UnreadableDocument {
    int line = line();
    long start = tokenOffset();
    switch (token) {
      case START_OBJECT -> {
        tree.startMapping(null, line, start);
        return 1;
      }
      case START_ARRAY -> {
        tree.startSequence(null, line, start);
        return 1;
      }
      case END_OBJECT, END_ARRAY -> {
        tree.end(parser.currentLocation().getCharOffset());
        return -1;
      }
      case FIELD_NAME -> tree.key(parser.currentName(), false, line);
      case VALUE_STRING -> tree.scalar(NODES.textNode(parser.getText()), null, line, start, start);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          tree.scalar(
              token == JsonToken.VALUE_NUMBER_INT
                  ? TreeBuilder.integer(parser.getBigIntegerValue())
                  : NODES.numberNode(parser.getDoubleValue()),
              null,
              line,
              start,
              start);
      case VALUE_TRUE, VALUE_FALSE ->
          tree.scalar(NODES.booleanNode(token == JsonToken.VALUE_TRUE), null, line, start, start);
      case VALUE_NULL -> tree.scalar(NODES.nullNode(), null, line, start, start);
      default -> throw new UnreadableDocument("JSON syntax error: unexpected " + token, line, 0);
    }
    return 0;
  }

  private int line() {
    return Math.max(0, parser.currentTokenLocation().getLineNr());
  }

  private long tokenOffset() {
    return parser.currentTokenLocation().getCharOffset();
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException ignored) {
      // a String-backed parser has nothing to release
    }
  }
}
