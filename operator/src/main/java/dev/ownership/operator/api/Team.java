package dev.ownership.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A team of the registry (INTERFACE §8), cluster-scoped: its name is the canonical team name that
 * {@code ownership.dev/team} carries; aliases are other names it answers to.
 */
@Group(ServiceOwnership.GROUP)
@Version(ServiceOwnership.VERSION)
@Kind("Team")
@Plural("teams")
@Singular("team")
@Categories("ownership")
@ValidationRule(
    value =
        "self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name)"
            + " <= 63",
    message =
        "a Team's name is a team name: a DNS-1123 label (lower-case letters, digits and '-', 1 to"
            + " 63)")
@AdditionalPrinterColumn(
    name = "Display Name",
    jsonPath = ".spec.displayName",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Services",
    jsonPath = ".status.services",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Workloads",
    jsonPath = ".status.workloads",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Reviewed",
    jsonPath = ".spec.reviewedAt",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Team extends CustomResource<TeamSpec, TeamStatus> {
  /** The name to show: {@code spec.displayName}, else the team's name. */
  public String displayName() {
    String display = getSpec() == null ? null : getSpec().getDisplayName();
    return display == null || display.isBlank() ? getMetadata().getName() : display;
  }
}
