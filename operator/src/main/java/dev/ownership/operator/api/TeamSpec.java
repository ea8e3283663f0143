package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TeamSpec {
  /** The ISO date a team last confirmed its data. */
  public static final String DATE = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

  @Size(max = 253)
  @JsonPropertyDescription("How people call the team, e.g. Payments.")
  private String displayName;

  @Size(max = 1024)
  @JsonPropertyDescription("What the team does, in a sentence.")
  private String description;

  @Size(max = ServiceOwnershipSpec.MAX_ENTRIES)
  @ValidationRule(
      value = "self.all(a, size(a) <= 63 && a.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'))",
      message = "each alias is a DNS-1123 label (lower-case letters, digits and '-', 1 to 63)")
  @JsonPropertyDescription("Other names of this team (DNS-1123 labels), e.g. pay or team-payments.")
  private List<String> aliases = new ArrayList<>();

  @Pattern(ServiceOwnershipSpec.DNS1123_LABEL)
  @Size(max = 63)
  @JsonPropertyDescription("The team this one belongs to: another Team's name.")
  private String parent;

  @Size(max = ServiceOwnershipSpec.MAX_ENTRIES)
  @JsonPropertyDescription("How to reach the team; onCall marks who is paged first.")
  private List<TeamContact> contacts = new ArrayList<>();

  @Size(max = ServiceOwnershipSpec.MAX_ENTRIES)
  @JsonPropertyDescription("Handbook, dashboards and other links.")
  private List<Link> links = new ArrayList<>();

  @Size(max = 200)
  @JsonPropertyDescription("Who is in the team.")
  private List<Member> members = new ArrayList<>();

  @Pattern(DATE)
  @JsonPropertyDescription(
      "The day (YYYY-MM-DD) the team last confirmed this data; due again after"
          + " --team-review-period.")
  private String reviewedAt;

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<String> getAliases() {
    return aliases;
  }

  public void setAliases(List<String> aliases) {
    this.aliases = aliases;
  }

  public String getParent() {
    return parent;
  }

  public void setParent(String parent) {
    this.parent = parent;
  }

  public List<TeamContact> getContacts() {
    return contacts;
  }

  public void setContacts(List<TeamContact> contacts) {
    this.contacts = contacts;
  }

  public List<Link> getLinks() {
    return links;
  }

  public void setLinks(List<Link> links) {
    this.links = links;
  }

  public List<Member> getMembers() {
    return members;
  }

  public void setMembers(List<Member> members) {
    this.members = members;
  }

  public String getReviewedAt() {
    return reviewedAt;
  }

  public void setReviewedAt(String reviewedAt) {
    this.reviewedAt = reviewedAt;
  }
}
