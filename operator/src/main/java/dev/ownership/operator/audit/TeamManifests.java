package dev.ownership.operator.audit;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamSpec;
import dev.ownership.operator.ownership.Dns1123;
import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A {@code kind: Team} document checked as the API server would check it against
 * crds/teams.ownership.dev-v1.yml (name and aliases DNS-1123 labels, contact types, member roles,
 * {@code reviewedAt} a date), so that a Team the cluster would refuse fails the audit with the line
 * to fix instead of silently not registering.
 */
final class TeamManifests {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern DATE = Pattern.compile(TeamSpec.DATE);

  /** What is wrong with a Team document, and the JSON Pointer of the node to fix. */
  static final class InvalidTeam extends Exception {
    private final String pointer;

    InvalidTeam(String message, String pointer) {
      super(message);
      this.pointer = pointer;
    }

    String pointer() {
      return pointer;
    }
  }

  private TeamManifests() {}

  static Team toTeam(ManifestDocument document) throws InvalidTeam {
    if (!document.apiVersion().equals(ServiceOwnership.API_VERSION)) {
      throw new InvalidTeam(
          "apiVersion "
              + SafeText.of(document.apiVersion(), 100)
              + " is not served; use "
              + ServiceOwnership.API_VERSION,
          "/apiVersion");
    }
    JsonNode body = document.body();
    String name = document.name();
    if (name.isEmpty()) throw new InvalidTeam("metadata.name is missing", "/metadata");
    if (!Dns1123.isLabel(name)) {
      throw new InvalidTeam(
          "metadata.name is the team name, so it must be " + Dns1123.RULE, "/metadata/name");
    }
    JsonNode aliases = body.path("spec").path("aliases");
    if (aliases.isArray()) {
      for (int i = 0; i < aliases.size(); i++) {
        JsonNode alias = aliases.get(i);
        if (!alias.isTextual() || !Dns1123.isLabel(alias.asText())) {
          throw new InvalidTeam(
              "spec.aliases["
                  + i
                  + "] '"
                  + SafeText.of(alias.asText(alias.toString()), 100)
                  + "' must be "
                  + Dns1123.RULE,
              SourceLines.pointer("spec", "aliases", String.valueOf(i)));
        }
      }
    }
    JsonNode parent = body.path("spec").path("parent");
    if (!parent.isMissingNode() && !parent.isNull() && !Dns1123.isLabel(parent.asText())) {
      throw new InvalidTeam(
          "spec.parent '" + SafeText.of(parent.asText(), 100) + "' must be " + Dns1123.RULE,
          "/spec/parent");
    }
    JsonNode reviewedAt = body.path("spec").path("reviewedAt");
    if (!reviewedAt.isMissingNode() && !reviewedAt.isNull() && !isDate(reviewedAt.asText())) {
      throw new InvalidTeam(
          "spec.reviewedAt '"
              + SafeText.of(reviewedAt.asText(), 40)
              + "' is not a date (YYYY-MM-DD)",
          "/spec/reviewedAt");
    }
    Team team;
    try {
      team = SERIALIZATION.convertValue(body, Team.class);
    } catch (IllegalArgumentException e) {
      throw new InvalidTeam(
          "does not match the Team schema: " + ManifestInventory.firstLine(e.getMessage()),
          pointerOf(e.getCause()));
    }
    if (team.getSpec() == null) team.setSpec(new TeamSpec());
    checkEntries(team.getSpec());
    return team;
  }

  /** The node Jackson could not map, e.g. {@code /spec/contacts/0/type}; the spec if unknown. */
  private static String pointerOf(Throwable cause) {
    if (!(cause instanceof JsonMappingException mapping) || mapping.getPath().isEmpty())
      return "/spec";
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference step : mapping.getPath()) {
      String segment =
          step.getFieldName() != null ? step.getFieldName() : String.valueOf(step.getIndex());
      pointer.append('/').append(SourceLines.escape(segment));
    }
    return pointer.toString();
  }

  /** What the CRD requires of list entries, which Jackson leaves null when absent. */
  private static void checkEntries(TeamSpec spec) throws InvalidTeam {
    for (int i = 0; i < spec.getContacts().size(); i++) {
      var contact = spec.getContacts().get(i);
      String at = SourceLines.pointer("spec", "contacts", String.valueOf(i));
      if (contact == null || contact.getType() == null)
        throw new InvalidTeam("spec.contacts[" + i + "].type is required", at);
      if (contact.getValue() == null || contact.getValue().isEmpty())
        throw new InvalidTeam("spec.contacts[" + i + "].value is required", at);
    }
    for (int i = 0; i < spec.getMembers().size(); i++) {
      var member = spec.getMembers().get(i);
      if (member == null || member.getName() == null || member.getName().isEmpty()) {
        throw new InvalidTeam(
            "spec.members[" + i + "].name is required",
            SourceLines.pointer("spec", "members", String.valueOf(i)));
      }
    }
    for (int i = 0; i < spec.getLinks().size(); i++) {
      var link = spec.getLinks().get(i);
      if (link == null || isEmpty(link.getName()) || isEmpty(link.getUrl())) {
        throw new InvalidTeam(
            "spec.links[" + i + "] needs a name and a url",
            SourceLines.pointer("spec", "links", String.valueOf(i)));
      }
    }
  }

  private static boolean isEmpty(String text) {
    return text == null || text.isEmpty();
  }

  /** The CRD's pattern, and a day that exists (2026-02-30 matches the pattern). */
  private static boolean isDate(String text) {
    if (!DATE.matcher(text).matches()) return false;
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
