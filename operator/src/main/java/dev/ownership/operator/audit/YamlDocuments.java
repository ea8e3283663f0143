package dev.ownership.operator.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ownership.operator.text.SafeText;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML document as kubectl does (YAML 1.1 scalars, aliases, merge keys) into a tree, from
 * SnakeYAML's parser events, within {@link ReadLimits}.
 */
final class YamlDocuments {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Resolver RESOLVER = new Resolver();
  private static final LoaderOptions OPTIONS = options();
  private static final Pattern UNDERSCORES = Pattern.compile("_");

  private YamlDocuments() {}

  /** One parsed document: the tree, its lines, the lines of a root List's items. */
  record Parsed(TreeBuilder tree, long bytes) {}

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    // SnakeYAML stops a document at 3 Mi code points by default, which refuses a large List that
    // kubectl reads; ObjectBudget bounds every object while reading instead, so the library's
    // limit is only the file's.
    options.setCodePointLimit(ReadLimits.MAX_SOURCE_BYTES);
    // Aliases are expanded by TreeBuilder, bounded by the expanded size of each object (an alias
    // bomb fails at 3 MiB); SnakeYAML's alias count and nesting limits belong to its Composer,
    // which is not used. Duplicate keys are refused by TreeBuilder.
    options.setProcessComments(false);
    return options;
  }

  /**
   * @param firstLine the 1-based line of the file where {@code text} starts
   */
  static Parsed parse(String text, int firstLine) throws UnreadableDocument {
    return parse(new StringReader(text), firstLine, text.length());
  }

  /**
   * @param length of the text {@code in} holds, in characters
   */
  static Parsed parse(Reader in, int firstLine, long length) throws UnreadableDocument {
    ObjectBudget budget = new ObjectBudget(in);
    TreeBuilder tree = new TreeBuilder(budget::objectStarted);
    try {
      Parser parser = new ParserImpl(new StreamReader(budget), OPTIONS);
      while (parser.peekEvent() != null) {
        Event event = parser.getEvent();
        if (event.is(Event.ID.StreamEnd)) break;
        accept(event, tree, firstLine);
      }
    } catch (ObjectBudget.Exceeded e) {
      int item = tree.currentItem();
      int line = item == 0 ? firstLine : tree.itemLines().get(item - 1).line();
      throw new UnreadableDocument(UnreadableDocument.tooLarge(), line, item);
    } catch (MarkedYAMLException e) {
      throw syntaxError(e, firstLine, length);
    } catch (YAMLException e) {
      throw new UnreadableDocument("YAML syntax error: " + firstLineOf(e.getMessage()), 0, 0);
    }
    return new Parsed(tree, budget.bytesRead());
  }

  private static void accept(Event event, TreeBuilder tree, int firstLine)
      throws UnreadableDocument {
    int line = event.getStartMark().getLine() + firstLine;
    long start = event.getStartMark().getIndex();
    switch (event.getEventId()) {
      case MappingStart, SequenceStart -> {
        if (tree.expectsKey()) {
          throw new UnreadableDocument(
              "the mapping key at line " + line + " is a mapping or list; keys must be strings",
              line,
              tree.currentItem());
        }
        String anchor = ((CollectionStartEvent) event).getAnchor();
        if (event.is(Event.ID.MappingStart)) tree.startMapping(anchor, line, start);
        else tree.startSequence(anchor, line, start);
      }
      case MappingEnd, SequenceEnd -> tree.end(event.getEndMark().getIndex());
      case Scalar -> {
        ScalarEvent scalar = (ScalarEvent) event;
        Tag tag = tagOf(scalar);
        if (tree.expectsKey()) {
          tree.key(scalar.getValue(), tag.equals(Tag.MERGE), line);
        } else {
          tree.scalar(
              value(scalar, tag, line),
              scalar.getAnchor(),
              line,
              start,
              event.getEndMark().getIndex());
        }
      }
      case Alias -> {
        if (tree.expectsKey()) {
          throw new UnreadableDocument(
              "the mapping key at line " + line + " is an alias; write the key out",
              line,
              tree.currentItem());
        }
        tree.alias(((AliasEvent) event).getAnchor(), line);
      }
      default -> {
        // Stream and document boundaries carry nothing; YamlStream gave one document.
      }
    }
  }

  private static Tag tagOf(ScalarEvent scalar) {
    String tag = scalar.getTag();
    if (tag == null || tag.equals("!")) {
      return RESOLVER.resolve(
          NodeId.scalar, scalar.getValue(), scalar.getImplicit().canOmitTagInPlainScalar());
    }
    return new Tag(tag);
  }

  /**
   * A scalar typed as YAML 1.1 (what kubectl's YAML library implements): null, booleans (also
   * yes/no/on/off), integers (also 0x, 0b, octal 0…, sexagesimal), floats; timestamps stay text, as
   * kubectl keeps them.
   */
  private static JsonNode value(ScalarEvent scalar, Tag tag, int line) throws UnreadableDocument {
    String text = scalar.getValue();
    try {
      if (tag.equals(Tag.NULL)) return NODES.nullNode();
      if (tag.equals(Tag.BOOL)) return NODES.booleanNode(isTrue(text));
      if (tag.equals(Tag.INT)) return TreeBuilder.integer(integer(text));
      if (tag.equals(Tag.FLOAT)) return NODES.numberNode(floating(text));
    } catch (NumberFormatException e) {
      throw new UnreadableDocument(
          "'" + SafeText.of(text, 60) + "' at line " + line + " is not a " + tag.getValue(),
          line,
          0);
    }
    return NODES.textNode(text);
  }

  private static boolean isTrue(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      default -> false;
    };
  }

  static BigInteger integer(String written) {
    String text = UNDERSCORES.matcher(written).replaceAll("");
    int sign = 1;
    if (text.startsWith("-") || text.startsWith("+")) {
      if (text.startsWith("-")) sign = -1;
      text = text.substring(1);
    }
    BigInteger value;
    if (text.contains(":")) {
      value = BigInteger.ZERO;
      for (String digits : text.split(":")) {
        value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(digits));
      }
    } else if (text.startsWith("0b")) {
      value = new BigInteger(text.substring(2), 2);
    } else if (text.startsWith("0x")) {
      value = new BigInteger(text.substring(2), 16);
    } else if (text.startsWith("0o")) {
      value = new BigInteger(text.substring(2), 8);
    } else if (text.length() > 1 && text.startsWith("0")) {
      value = new BigInteger(text.substring(1), 8);
    } else {
      value = new BigInteger(text);
    }
    return sign < 0 ? value.negate() : value;
  }

  static double floating(String written) {
    String text = UNDERSCORES.matcher(written).replaceAll("").toLowerCase(java.util.Locale.ROOT);
    double sign = text.startsWith("-") ? -1 : 1;
    if (text.startsWith("-") || text.startsWith("+")) text = text.substring(1);
    if (text.equals(".inf")) return sign * Double.POSITIVE_INFINITY;
    if (text.equals(".nan")) return Double.NaN;
    if (text.contains(":")) {
      double value = 0;
      for (String digits : text.split(":")) value = value * 60 + Double.parseDouble(digits);
      return sign * value;
    }
    return sign * Double.parseDouble(text);
  }

  /**
   * The line the user must look at: where the problem is, except when the parser only noticed it at
   * the end of the document (an unclosed bracket or quote), then where the unclosed part starts.
   */
  private static UnreadableDocument syntaxError(MarkedYAMLException e, int firstLine, long length) {
    Mark problem = e.getProblemMark();
    Mark context = e.getContextMark();
    boolean atEnd = problem != null && problem.getIndex() >= length - 1;
    Mark at = problem == null || (atEnd && context != null) ? context : problem;
    int line = at == null ? 0 : at.getLine() + firstLine;
    StringBuilder message = new StringBuilder("YAML syntax error");
    if (at != null) {
      message.append(" at line ").append(line).append(", column ").append(at.getColumn() + 1);
    }
    message
        .append(": ")
        .append(firstLineOf(e.getProblem() != null ? e.getProblem() : e.getContext()));
    // A context without a place ("while scanning for the next token") says nothing more.
    if (e.getProblem() != null && e.getContext() != null && context != null) {
      message.append(" (").append(firstLineOf(e.getContext()));
      if (context != null && at != context) {
        message.append(" that starts at line ").append(context.getLine() + firstLine);
      }
      message.append(')');
    }
    return new UnreadableDocument(SafeText.of(message.toString(), 400), line, 0);
  }

  static String firstLineOf(String message) {
    if (message == null) return "unreadable input";
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
