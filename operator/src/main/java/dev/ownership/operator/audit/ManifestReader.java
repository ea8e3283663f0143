package dev.ownership.operator.audit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads manifests from files, directories (recursively: *.yaml, *.yml, *.json) and stdin into
 * Kubernetes objects. Multi-document YAML, JSON and {@code List} kinds are unpacked. Whatever
 * cannot be read becomes an {@link AuditProblem} naming the file and document; reading goes on with
 * the rest.
 */
public final class ManifestReader {
  public static final String STDIN = "-";
  static final String STDIN_NAME = "<stdin>";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ManifestDocument> documents = new ArrayList<>();
  private final List<AuditProblem> problems = new ArrayList<>();
  private final List<AuditProblem> notices = new ArrayList<>();

  /**
   * What was read: the objects, the errors (exit code 2) and the notices (documents skipped on
   * purpose).
   */
  public record Result(
      List<ManifestDocument> documents, List<AuditProblem> problems, List<AuditProblem> notices) {}

  public static Result read(List<String> paths, InputStream stdin) {
    ManifestReader reader = new ManifestReader();
    for (String path : paths) {
      if (path.equals(STDIN)) {
        reader.readStdin(stdin);
      } else {
        reader.readPath(Path.of(path), path);
      }
    }
    return new Result(
        List.copyOf(reader.documents), List.copyOf(reader.problems), List.copyOf(reader.notices));
  }

  /** Parses one stream of text (a file's content), e.g. for tests. */
  public static Result readText(String source, String text, boolean json) {
    ManifestReader reader = new ManifestReader();
    reader.parseText(source, text, json);
    return new Result(
        List.copyOf(reader.documents), List.copyOf(reader.problems), List.copyOf(reader.notices));
  }

  private void readStdin(InputStream stdin) {
    try {
      parseBytes(STDIN_NAME, stdin.readAllBytes(), null);
    } catch (IOException e) {
      problems.add(
          new AuditProblem(
              DocumentOrigin.wholeSource(STDIN_NAME), "cannot read: " + e.getMessage()));
    }
  }

  private void readPath(Path path, String shown) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        // Sorted, so that reports and messages come out in the same order on every machine.
        walk.filter(Files::isRegularFile)
            .filter(ManifestReader::isManifestFile)
            .filter(p -> !insideGitDirectory(path, p))
            .sorted()
            .forEach(file -> readFile(file, file.toString()));
      } catch (IOException | UncheckedIOException e) {
        problems.add(
            new AuditProblem(
                DocumentOrigin.wholeSource(shown), "cannot list the directory: " + e.getMessage()));
      }
    } else {
      readFile(path, shown);
    }
  }

  private void readFile(Path file, String shown) {
    try {
      parseBytes(
          shown,
          Files.readAllBytes(file),
          file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"));
    } catch (NoSuchFileException e) {
      problems.add(
          new AuditProblem(DocumentOrigin.wholeSource(shown), "no such file or directory"));
    } catch (IOException e) {
      problems.add(
          new AuditProblem(DocumentOrigin.wholeSource(shown), "cannot read: " + e.getMessage()));
    }
  }

  static boolean isManifestFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static boolean insideGitDirectory(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().equals(".git")) return true;
    }
    return false;
  }

  /**
   * @param json true for .json files, false for YAML, null to decide from the content (stdin)
   */
  private void parseBytes(String source, byte[] bytes, Boolean json) {
    String text;
    try {
      text = decodeText(bytes);
    } catch (CharacterCodingException e) {
      problems.add(
          new AuditProblem(
              DocumentOrigin.wholeSource(source),
              "is not a text file (binary or not UTF-8): give YAML or JSON manifests"));
      return;
    }
    boolean asJson =
        json != null
            ? json
            : text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
    parseText(source, text, asJson);
  }

  static String decodeText(byte[] bytes) throws CharacterCodingException {
    for (byte b : bytes) {
      if (b == 0) throw new CharacterCodingException();
    }
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private void parseText(String source, String text, boolean json) {
    if (json) {
      parseJson(source, text);
      return;
    }
    for (YamlStream.Segment segment : YamlStream.split(text)) {
      if (segment.isBlank()) continue; // empty documents are allowed and mean nothing
      DocumentOrigin origin = DocumentOrigin.document(source, segment.number());
      JsonNode node;
      try (JsonParser parser = YAML.createParser(segment.text())) {
        node = YAML.readTree(parser);
      } catch (JsonProcessingException e) {
        problems.add(
            new AuditProblem(
                origin,
                "YAML syntax error"
                    + at(e.getLocation(), segment.firstLine() - 1)
                    + ": "
                    + firstLine(e.getOriginalMessage())));
        continue;
      } catch (IOException e) {
        problems.add(new AuditProblem(origin, "cannot parse: " + e.getMessage()));
        continue;
      }
      accept(origin, node);
    }
  }

  private void parseJson(String source, String text) {
    int number = 0;
    try (JsonParser parser = JSON.createParser(text);
        MappingIterator<JsonNode> values = JSON.readValues(parser, JsonNode.class)) {
      while (values.hasNextValue()) {
        JsonNode node = values.nextValue();
        accept(DocumentOrigin.document(source, ++number), node);
      }
    } catch (JsonProcessingException e) {
      problems.add(
          new AuditProblem(
              DocumentOrigin.document(source, number + 1),
              "JSON syntax error"
                  + at(e.getLocation(), 0)
                  + ": "
                  + firstLine(e.getOriginalMessage())));
    } catch (IOException | RuntimeException e) {
      problems.add(
          new AuditProblem(
              DocumentOrigin.document(source, number + 1),
              "JSON syntax error: " + firstLine(e.getMessage())));
    }
  }

  private void accept(DocumentOrigin origin, JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) return;
    if (!node.isObject()) {
      problems.add(
          new AuditProblem(
              origin,
              "is "
                  + describe(node)
                  + ", not a Kubernetes object (a mapping with apiVersion and kind)"));
      return;
    }
    if (!node.path("apiVersion").isTextual() || !node.path("kind").isTextual()) {
      notices.add(
          new AuditProblem(
              origin, "has no apiVersion and kind, so it is not a Kubernetes object; skipped"));
      return;
    }
    String kind = node.path("kind").asText();
    if (kind.endsWith("List") && node.has("items")) {
      JsonNode items = node.get("items");
      if (!items.isArray() && !items.isNull()) {
        problems.add(
            new AuditProblem(
                origin, kind + ".items is " + describe(items) + ", not a list of objects"));
        return;
      }
      int index = 0;
      for (JsonNode item : items) {
        DocumentOrigin itemOrigin = origin.item(++index);
        if (!item.isObject()
            || !item.path("kind").isTextual()
            || !item.path("apiVersion").isTextual()) {
          problems.add(
              new AuditProblem(
                  itemOrigin, "is not a Kubernetes object (a mapping with apiVersion and kind)"));
        } else {
          documents.add(new ManifestDocument(itemOrigin, item));
        }
      }
      return;
    }
    documents.add(new ManifestDocument(origin, node));
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) return "a string";
    if (node.isNumber()) return "a number";
    if (node.isBoolean()) return "a boolean";
    if (node.isArray()) return "a list";
    if (node.isObject()) return "a mapping";
    return "null";
  }

  private static String at(JsonLocation location, int lineOffset) {
    if (location == null || location.getLineNr() < 1) return "";
    return " at line " + (location.getLineNr() + lineOffset) + ", column " + location.getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null) return "unreadable input";
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
