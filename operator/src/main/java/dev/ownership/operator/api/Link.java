package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Link {
  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("What the link is, e.g. runbook or dashboard.")
  private String name;

  @Required
  @Size(min = 1, max = 2048)
  @JsonPropertyDescription("Where it is.")
  private String url;

  public Link() {}

  public Link(String name, String url) {
    this.name = name;
    this.url = url;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }
}
