package dev.ownership.operator.ownership;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.text.SafeText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;

/**
 * A ServiceOwnership reduced to what resolution needs, its selector already checked.
 *
 * @param createdAt null for manifests that were never applied (offline audit): those sort after
 *     applied ones
 */
public record OwnershipClaim(
    String namespace,
    String name,
    String team,
    String service,
    Instant createdAt,
    LabelSelectorMatcher selector) {

  /** Oldest first, then by name: the order in which claims win. */
  public static final Comparator<OwnershipClaim> PRECEDENCE =
      Comparator.comparing(
              OwnershipClaim::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(OwnershipClaim::name);

  public boolean selects(Map<String, String> labels) {
    return selector.matches(labels);
  }

  public static OwnershipClaim of(ServiceOwnership so) throws InvalidSpecException {
    if (so.getSpec() == null) throw new InvalidSpecException("spec is missing");
    String team = so.getSpec().getTeam();
    if (!Dns1123.isLabel(team)) {
      throw new InvalidSpecException(
          "spec.team '"
              + (team == null ? "" : SafeText.of(team, 100))
              + "' must be "
              + Dns1123.RULE);
    }
    LabelSelectorMatcher matcher;
    try {
      matcher = LabelSelectorMatcher.compile(so.getSpec().getSelector());
    } catch (InvalidSelectorException e) {
      throw new InvalidSpecException(e.getMessage());
    }
    return new OwnershipClaim(
        so.getMetadata().getNamespace(),
        so.getMetadata().getName(),
        team,
        so.serviceName(),
        parseTimestamp(so.getMetadata().getCreationTimestamp()),
        matcher);
  }

  private static Instant parseTimestamp(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) return null;
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
