package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Contact {
  @Required
  @JsonPropertyDescription("Channel: email, slack, pagerduty, opsgenie, msteams, url or other.")
  private ContactType type;

  @Required
  @Size(min = 1, max = 512)
  @JsonPropertyDescription(
      "Address on that channel, e.g. #payments-oncall or payments@example.com.")
  private String value;

  @Size(max = 253)
  @JsonPropertyDescription("Display name.")
  private String name;

  public Contact() {}

  public Contact(ContactType type, String value, String name) {
    this.type = type;
    this.value = value;
    this.name = name;
  }

  public ContactType getType() {
    return type;
  }

  public void setType(ContactType type) {
    this.type = type;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
