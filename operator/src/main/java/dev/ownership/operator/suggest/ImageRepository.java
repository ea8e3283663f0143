package dev.ownership.operator.suggest;

import java.util.Locale;
import java.util.Optional;

/**
 * The repository of a container image reference: registry and path, without tag or digest, with
 * Docker Hub's implicit parts made explicit ({@code redis:7} is {@code docker.io/library/redis}).
 */
final class ImageRepository {
  static final String DOCKER_HUB = "docker.io";

  private ImageRepository() {}

  /** Empty for a reference that names no repository (blank, or only a tag or digest). */
  static Optional<String> of(String image) {
    if (image == null) return Optional.empty();
    String reference = image.strip();
    int at = reference.indexOf('@');
    if (at >= 0) reference = reference.substring(0, at);
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    if (colon > slash) reference = reference.substring(0, colon);
    if (reference.isEmpty() || reference.endsWith("/") || reference.startsWith("/"))
      return Optional.empty();

    int first = reference.indexOf('/');
    String head = first < 0 ? "" : reference.substring(0, first);
    boolean hasRegistry =
        first >= 0 && (head.contains(".") || head.contains(":") || head.equals("localhost"));
    String registry = hasRegistry ? head : DOCKER_HUB;
    String path = hasRegistry ? reference.substring(first + 1) : reference;
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io"))
      registry = DOCKER_HUB;
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) path = "library/" + path;
    return Optional.of(registry.toLowerCase(Locale.ROOT) + "/" + path);
  }

  /**
   * Docker Official Images ({@code library/...} on Docker Hub or any mirror of it, such as {@code
   * public.ecr.aws/docker/library/redis}): base images that unrelated teams all run, so sharing one
   * ties nobody to anybody.
   */
  static boolean isSharedBaseImage(String repository) {
    int last = repository.lastIndexOf('/');
    return last > 0 && repository.substring(0, last).endsWith("/library");
  }
}
