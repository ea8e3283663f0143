package dev.ownership.bench.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root: the nearest directory upwards that holds benchmarks/ and operator/. */
final class RepoRoot {
  private RepoRoot() {}

  /** Looked for above the working directory, then above the jar or classes these came from. */
  static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    Path found = above(dir);
    if (found == null) {
      try {
        found =
            above(
                Path.of(
                    RepoRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (java.net.URISyntaxException | RuntimeException e) {
        found = null;
      }
    }
    if (found == null) {
      throw new IllegalStateException(
          "run from inside the repository, or give -Downership.jar=PATH (no operator/ above "
              + dir
              + ")");
    }
    return found;
  }

  private static Path above(Path start) {
    for (Path d = start; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("operator")) && Files.isDirectory(d.resolve("benchmarks"))) {
        return d;
      }
    }
    return null;
  }
}
