package dev.ownership.operator.ownership;

import java.util.List;

/** The metadata keys the operator reads and writes. */
public final class OwnershipKeys {
  /** The prefix of every key the operator owns; of other annotations the cache keeps none. */
  public static final String PREFIX = "ownership.dev/";

  public static final String TEAM_ANNOTATION = "ownership.dev/team";
  public static final String SERVICE_ANNOTATION = "ownership.dev/service";
  public static final String SOURCE_ANNOTATION = "ownership.dev/source";
  public static final String STATUS_LABEL = "ownership.dev/status";

  /** Namespace label naming the team that owns whatever nothing more specific claims. */
  public static final String NAMESPACE_TEAM_LABEL = "ownership.dev/team";

  /** Namespace label choosing the admission mode. */
  public static final String ENFORCEMENT_LABEL = "ownership.dev/enforcement";

  /**
   * Audit annotation key in the admission response. The API server prefixes it with the webhook
   * name, so the audit log shows {@code workloads.ownership.dev/unowned}; a key that already had a
   * prefix would be dropped as an invalid qualified name.
   */
  public static final String UNOWNED_AUDIT_ANNOTATION = "unowned";

  public static final List<String> DEFAULT_OWNER_LABEL_KEYS =
      List.of("ownership.dev/team", "team", "owner");
  public static final List<String> WRITTEN_ANNOTATIONS =
      List.of(TEAM_ANNOTATION, SERVICE_ANNOTATION, SOURCE_ANNOTATION);

  private OwnershipKeys() {}
}
