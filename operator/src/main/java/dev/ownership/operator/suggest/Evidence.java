package dev.ownership.operator.suggest;

import java.util.List;

/**
 * One signal that ties an unowned workload to a team, and what it ties it to.
 *
 * @param value what is shared: the release, application, image repository, the selector label
 *     ({@code app=checkout}) or the namespace
 * @param anchors the first few anchors, sorted; {@code anchorCount} says how many there are
 * @param message one line for people, e.g. {@code same Helm release "shop" as Deployment shop/cart
 *     (owned by web)}; user-supplied parts escaped and bounded
 */
public record Evidence(
    Signal signal,
    String value,
    String team,
    List<Anchor> anchors,
    int anchorCount,
    String message) {
  /** How many anchors an evidence keeps (messages name fewer). */
  static final int MAX_ANCHORS = 10;

  public Evidence {
    anchors = List.copyOf(anchors);
  }
}
