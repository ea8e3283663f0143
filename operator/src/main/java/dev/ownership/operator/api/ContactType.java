package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ContactType {
  @JsonProperty("email")
  EMAIL,
  @JsonProperty("slack")
  SLACK,
  @JsonProperty("pagerduty")
  PAGERDUTY,
  @JsonProperty("opsgenie")
  OPSGENIE,
  @JsonProperty("msteams")
  MSTEAMS,
  @JsonProperty("url")
  URL,
  @JsonProperty("other")
  OTHER;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
