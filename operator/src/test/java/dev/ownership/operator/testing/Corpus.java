package dev.ownership.operator.testing;

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
 * The shared corpus of real manifests and peer policy tests. It exists only where this project's CI
 * puts {@code shared/} beside the clone; the Maven profile {@code shared-corpus} activates when it
 * does, runs the tests tagged {@value #TAG} and passes its location as {@code ownership.corpus}.
 * Without the profile those tests are excluded, so a fresh clone builds with nothing beside it.
 */
public final class Corpus {
  /** The JUnit tag of every test that reads the corpus. */
  public static final String TAG = "corpus";

  private static final ObjectMapper YAML = new YAMLMapper();

  /** One parsed document (List items expanded) and the file it came from. */
  public record Document(Path file, JsonNode node) {
    public String kind() {
      return node.path("kind").asText("");
    }

    public String name() {
      return node.path("metadata").path("name").asText("");
    }
  }

  private Corpus() {}

  /** The corpus directory; fails loudly when the profile did not say where it is. */
  public static Path root() {
    String configured = System.getProperty("ownership.corpus");
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException(
          "ownership.corpus is not set: corpus tests run in the Maven profile shared-corpus,"
              + " which activates when ../shared/corpus exists beside the repository");
    }
    Path root = Path.of(configured).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("manifests"))) {
      throw new IllegalStateException("the shared corpus has no manifests/ directory: " + root);
    }
    return root;
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  /** Every document of every manifest file under {@code dir}, in file order. */
  public static List<Document> documents(Path dir) {
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

  /** The parsed documents of {@link #documents(Path)} alone. */
  public static List<JsonNode> nodes(Path dir) {
    return documents(dir).stream().map(Document::node).toList();
  }

  public static List<Document> documents(Path file, boolean expandLists) {
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
