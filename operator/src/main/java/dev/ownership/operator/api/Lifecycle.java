package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Lifecycle {
  @JsonProperty("experimental")
  EXPERIMENTAL,
  @JsonProperty("development")
  DEVELOPMENT,
  @JsonProperty("production")
  PRODUCTION,
  @JsonProperty("deprecated")
  DEPRECATED
}
