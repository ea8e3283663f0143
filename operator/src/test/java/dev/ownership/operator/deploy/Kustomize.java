package dev.ownership.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Renders a kustomize entry point with the real {@code kubectl kustomize}, exactly as users will.
 */
final class Kustomize {
  static final Path REPO_ROOT =
      Path.of(System.getProperty("ownership.repoRoot", "..")).toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Kustomize() {}

  /** The rendered objects of {@code deploy/<entryPoint>}, in output order. */
  static Rendered render(String entryPoint) throws IOException, InterruptedException {
    Path dir = REPO_ROOT.resolve(entryPoint);
    Path out = Files.createTempFile("kustomize", ".yaml");
    Path err = Files.createTempFile("kustomize", ".err");
    try {
      Process process =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + entryPoint + " did not finish in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "kubectl kustomize "
                + entryPoint
                + " failed: "
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      String yaml = Files.readString(out, StandardCharsets.UTF_8);
      return new Rendered(entryPoint, parse(yaml), yaml);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * Renders an overlay of {@code base} (e.g. {@code deploy/default}) whose kustomization is {@code
   * resources: [base]} followed by {@code rest}, as a user's overlay would be. kustomize accepts
   * only relative paths to a base, so the overlay lives under the build directory.
   */
  static Rendered renderOverlay(String name, String base, String rest)
      throws IOException, InterruptedException {
    Path dir = REPO_ROOT.resolve("operator/target/kustomize-overlays").resolve(name);
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "resources:\n- " + dir.relativize(REPO_ROOT.resolve(base)) + "\n" + rest);
    return render(REPO_ROOT.relativize(dir).toString());
  }

  static List<JsonNode> parse(String yaml) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(yaml)) {
      YAML.readValues(parser, JsonNode.class)
          .forEachRemaining(
              node -> {
                if (node != null && !node.isMissingNode() && !node.isNull()) objects.add(node);
              });
    }
    return objects;
  }

  /** The objects of one render, and the YAML kubectl printed. */
  record Rendered(String entryPoint, List<JsonNode> objects, String yaml) {
    List<JsonNode> ofKind(String kind) {
      return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
      return ofKind(kind).stream().filter(named(name)).findFirst();
    }

    JsonNode get(String kind, String name) {
      return find(kind, name)
          .orElseThrow(() -> new AssertionError(entryPoint + " renders no " + kind + " " + name));
    }

    private static Predicate<JsonNode> named(String name) {
      return o -> name.equals(o.path("metadata").path("name").asText());
    }
  }
}
