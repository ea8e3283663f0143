package dev.ownership.operator.ownership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The usable claims of one namespace, in precedence order. Immutable; rebuilt when a claim changes.
 *
 * <p>At most {@link #LIMIT} are used: every resolution (and every admission review) in the
 * namespace tests each claim's selector, so the work per review is bounded whatever the namespace
 * holds. The newest claims beyond the limit are left out and reported ({@link #leftOut()}), not
 * silently dropped; a real namespace has a few dozen.
 */
public final class NamespaceClaims {
  public static final int LIMIT = 1000;
  public static final NamespaceClaims NONE = new NamespaceClaims(List.of(), Set.of());

  private final List<OwnershipClaim> ordered;
  private final Set<String> leftOut;

  private NamespaceClaims(List<OwnershipClaim> ordered, Set<String> leftOut) {
    this.ordered = ordered;
    this.leftOut = leftOut;
  }

  public static NamespaceClaims of(Collection<OwnershipClaim> claims) {
    if (claims.isEmpty()) return NONE;
    List<OwnershipClaim> sorted = new ArrayList<>(claims);
    sorted.sort(OwnershipClaim.PRECEDENCE);
    if (sorted.size() <= LIMIT) return new NamespaceClaims(List.copyOf(sorted), Set.of());
    Set<String> leftOut = new HashSet<>();
    for (OwnershipClaim claim : sorted.subList(LIMIT, sorted.size())) leftOut.add(claim.name());
    return new NamespaceClaims(List.copyOf(sorted.subList(0, LIMIT)), Set.copyOf(leftOut));
  }

  /** The names of the claims beyond {@link #LIMIT}, which resolution does not use. */
  public Set<String> leftOut() {
    return leftOut;
  }

  /** Why a claim left out is not used, for its status and for {@code audit}. */
  public static String leftOutMessage(String namespace) {
    return "namespace "
        + namespace
        + " has more than "
        + LIMIT
        + " usable ServiceOwnerships; this is one of the newest and is not used (the limit keeps"
        + " every admission review in the namespace fast): merge ServiceOwnerships, or delete"
        + " unused ones";
  }

  public List<OwnershipClaim> inPrecedenceOrder() {
    return ordered;
  }

  public boolean isEmpty() {
    return ordered.isEmpty();
  }
}
