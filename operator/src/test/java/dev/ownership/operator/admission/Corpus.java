package dev.ownership.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared corpus of real manifests and peer policy tests. CI places {@code shared/} beside the
 * clone ({@code <repoRoot>/../shared}); on the development machine it lives at /work/shared.
 */
final class Corpus {
  private static final ObjectMapper YAML = new YAMLMapper();

  /** One parsed document (List items expanded) and the file it came from. */
  record Document(Path file, JsonNode node) {
    String kind() {
      return node.path("kind").asText("");
    }

    String name() {
      return node.path("metadata").path("name").asText("");
    }
  }

  private Corpus() {}

  static Path root() {
    List<Path> candidates = new ArrayList<>();
    String repoRoot = System.getProperty("ownership.repoRoot");
    if (repoRoot != null) candidates.add(Path.of(repoRoot).resolve("../shared/corpus").normalize());
    candidates.add(Path.of("/work/shared/corpus"));
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate.resolve("manifests"))) return candidate;
    }
    throw new IllegalStateException(
        "the shared corpus was not found; looked in "
            + candidates
            + " (CI puts shared/ beside the clone, i.e. <repoRoot>/../shared)");
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  /** Every document of every manifest file under {@code dir}, in file order. */
  static List<Document> documents(Path dir) {
    List<Document> documents = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
          documents.addAll(documents(file, true));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  static List<Document> documents(Path file, boolean expandLists) {
    List<Document> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> values =
        YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (values.hasNextValue()) {
        JsonNode node = values.nextValue();
        if (node == null || !node.isObject()) continue;
        if (expandLists && node.path("kind").asText().equals("List")) {
          node.path("items").forEach(item -> documents.add(new Document(file, item)));
        } else {
          documents.add(new Document(file, node));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return documents;
  }
}
