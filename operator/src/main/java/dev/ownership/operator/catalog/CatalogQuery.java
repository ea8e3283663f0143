package dev.ownership.operator.catalog;

import dev.ownership.operator.ownership.Dns1123;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.text.SafeText;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** The JSON API's filters: {@code namespace}, {@code team}, {@code status}. Null means "any". */
record CatalogQuery(String namespace, String team, OwnershipStatus status) {
  static final Set<String> PARAMETERS = Set.of("namespace", "team", "status");

  /**
   * @throws IllegalArgumentException naming the parameter and what it accepts
   */
  static CatalogQuery parse(Map<String, String> parameters) {
    for (String name : parameters.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown query parameter '"
                + SafeText.of(name, 63)
                + "': use namespace, team and status");
      }
    }
    String namespace = parameters.get("namespace");
    if (namespace != null && !Dns1123.isLabel(namespace))
      throw new IllegalArgumentException(
          "namespace: '" + SafeText.of(namespace, 63) + "' is not a namespace name");
    String team = parameters.get("team");
    if (team != null && !Dns1123.isLabel(team))
      throw new IllegalArgumentException(
          "team: '" + SafeText.of(team, 63) + "' is not " + Dns1123.RULE);
    String status = parameters.get("status");
    OwnershipStatus parsed = null;
    if (status != null) {
      parsed =
          Arrays.stream(OwnershipStatus.values())
              .filter(s -> s.value().equals(status))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "status: '"
                              + SafeText.of(status, 63)
                              + "' is not one of owned, unowned, conflict"));
    }
    return new CatalogQuery(namespace, team, parsed);
  }

  boolean admitsNamespace(String ns) {
    return namespace == null || namespace.equals(ns);
  }

  boolean admitsTeam(String t) {
    return team == null || team.equals(t);
  }

  boolean admitsStatus(OwnershipStatus s) {
    return status == null || status == s;
  }
}
