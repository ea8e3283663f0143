package dev.ownership.operator.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The example manifests the demo loads: from a directory when one is given, else the copy of
 * deploy/examples/ inside the jar. Files are read in the order their kustomization.yaml lists them
 * (namespaces, then ServiceOwnerships, then workloads).
 */
public final class ExampleManifests {
  static final String BUNDLED = "/demo/examples/";

  private ExampleManifests() {}

  public static List<HasMetadata> load(KubernetesClient client, Path directory) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String file : fileOrder(directory)) {
      try (InputStream in = open(directory, file)) {
        objects.addAll(client.load(in).items());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read example " + file, e);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "example " + file + " is not valid Kubernetes YAML: " + e.getMessage(), e);
      }
    }
    return objects;
  }

  @SuppressWarnings("unchecked")
  static List<String> fileOrder(Path directory) {
    try (InputStream in = open(directory, "kustomization.yaml")) {
      Map<String, Object> kustomization = new Yaml().load(in);
      Object resources = kustomization == null ? null : kustomization.get("resources");
      if (!(resources instanceof List<?> list) || list.isEmpty()) {
        throw new IllegalArgumentException("kustomization.yaml of the examples lists no resources");
      }
      return (List<String>) list;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the examples' kustomization.yaml", e);
    }
  }

  private static InputStream open(Path directory, String file) throws IOException {
    if (directory != null) return Files.newInputStream(directory.resolve(file));
    InputStream in = ExampleManifests.class.getResourceAsStream(BUNDLED + file);
    if (in == null)
      throw new IOException("the jar carries no example " + file + "; rebuild it with mvn package");
    return in;
  }
}
