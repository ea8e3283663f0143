package dev.ownership.operator.audit;

/** What a finding is about; the rule ids of {@code -o sarif}. */
public enum FindingRule {
  UNOWNED(
      "unowned",
      "Workload without an owner",
      "No owner label, ServiceOwnership or namespace team names the workload's owning team."),
  CONFLICT(
      "conflict",
      "Owners disagree",
      "More than one owner claims the workload with different teams; one of them wins."),
  INVALID_OWNER_LABEL(
      "invalid-owner-label",
      "Owner label is not a team name",
      "An owner label's value is not a DNS-1123 label, so resolution ignores it."),
  /** Reserved for the Team registry: a team value that names no registered Team. */
  UNKNOWN_TEAM(
      "unknown-team", "Team is not registered", "The team named is not a registered Team.");

  private final String id;
  private final String title;
  private final String description;

  FindingRule(String id, String title, String description) {
    this.id = id;
    this.title = title;
    this.description = description;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }
}
