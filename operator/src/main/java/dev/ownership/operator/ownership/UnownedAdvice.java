package dev.ownership.operator.ownership;

import dev.ownership.operator.text.SafeText;
import java.util.List;

/**
 * The one text that tells people how to give a workload an owner: the webhook's denial and warning,
 * the controller's {@code Unowned} Event and {@code audit}'s fix hint all say this.
 */
public final class UnownedAdvice {
  /** Enough ServiceOwnerships to point the way without turning the message into a listing. */
  public static final int MAX_LISTED_CLAIMS = 5;

  /** A selector of a real ServiceOwnership fits; a hostile one is cut (the message stays short). */
  static final int MAX_SELECTOR_TEXT = 120;

  private UnownedAdvice() {}

  /**
   * E.g. {@code Deployment shop/cart has no owner. Add label ownership.dev/team=<team>, or make a
   * ServiceOwnership in namespace shop select it (existing: checkout selects app=checkout).}
   */
  public static String message(WorkloadRef ref, OwnerLabelKeys keys, NamespaceClaims claims) {
    StringBuilder text =
        new StringBuilder(160)
            .append(ref.kind().kind())
            .append(' ')
            .append(SafeText.of(ref.namespace(), 63))
            .append('/')
            .append(SafeText.of(ref.name(), 253))
            .append(" has no owner. Add label ")
            .append(keys.first())
            .append("=<team>, or make a ServiceOwnership in namespace ")
            .append(SafeText.of(ref.namespace(), 63))
            .append(" select it");
    List<OwnershipClaim> existing = claims.inPrecedenceOrder();
    if (!existing.isEmpty()) {
      text.append(" (existing: ");
      int listed = Math.min(existing.size(), MAX_LISTED_CLAIMS);
      for (int i = 0; i < listed; i++) {
        OwnershipClaim claim = existing.get(i);
        if (i > 0) text.append("; ");
        text.append(SafeText.of(claim.name(), 253))
            .append(" selects ")
            .append(SafeText.of(claim.selector().describe(), MAX_SELECTOR_TEXT));
      }
      if (existing.size() > listed)
        text.append("; and ").append(existing.size() - listed).append(" more");
      text.append(')');
    }
    return text.append('.').toString();
  }
}
