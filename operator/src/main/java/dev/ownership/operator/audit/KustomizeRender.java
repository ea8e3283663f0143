package dev.ownership.operator.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders a kustomization directory with {@code kubectl kustomize}, the kubectl on the PATH. */
final class KustomizeRender {
  /** What went wrong, as one line for the user. */
  static final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }

  private KustomizeRender() {}

  /** The rendered manifests; at most {@link ReadLimits#MAX_SOURCE_BYTES} + 1 bytes are read. */
  static byte[] render(Path dir) throws Failed {
    Path errors = null;
    try {
      errors = Files.createTempFile("kustomize", ".err");
      Process process =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectError(errors.toFile())
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      process.getOutputStream().close();
      byte[] output;
      try (InputStream out = process.getInputStream()) {
        output = out.readNBytes(ReadLimits.MAX_SOURCE_BYTES + 1);
      }
      if (output.length > ReadLimits.MAX_SOURCE_BYTES) process.destroy();
      int exit = process.waitFor();
      if (exit != 0 && output.length <= ReadLimits.MAX_SOURCE_BYTES) {
        String stderr = Files.readString(errors).strip();
        throw new Failed(
            "kubectl kustomize failed (exit "
                + exit
                + ")"
                + (stderr.isEmpty() ? "" : ": " + YamlDocuments.firstLineOf(stderr)));
      }
      return output;
    } catch (IOException e) {
      throw new Failed(
          "--kustomize runs kubectl kustomize, but kubectl could not be started ("
              + e.getMessage()
              + "); install kubectl or render the directory yourself");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed("interrupted while kubectl kustomize ran");
    } finally {
      if (errors != null) {
        try {
          Files.deleteIfExists(errors);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }
}
