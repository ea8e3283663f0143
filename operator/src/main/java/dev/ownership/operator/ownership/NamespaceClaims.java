package dev.ownership.operator.ownership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The usable claims of one namespace, in precedence order. Immutable; rebuilt when a claim changes.
 */
public final class NamespaceClaims {
  public static final NamespaceClaims NONE = new NamespaceClaims(List.of());

  private final List<OwnershipClaim> ordered;

  private NamespaceClaims(List<OwnershipClaim> ordered) {
    this.ordered = ordered;
  }

  public static NamespaceClaims of(Collection<OwnershipClaim> claims) {
    if (claims.isEmpty()) return NONE;
    List<OwnershipClaim> sorted = new ArrayList<>(claims);
    sorted.sort(OwnershipClaim.PRECEDENCE);
    return new NamespaceClaims(List.copyOf(sorted));
  }

  public List<OwnershipClaim> inPrecedenceOrder() {
    return ordered;
  }

  public boolean isEmpty() {
    return ordered.isEmpty();
  }
}
