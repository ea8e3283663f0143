package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A ServiceOwnership contact, plus whether it is the one paged first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TeamContact extends Contact {
  @JsonPropertyDescription("True for the contact that reaches whoever is on call.")
  private Boolean onCall;

  public TeamContact() {}

  public TeamContact(ContactType type, String value, String name, Boolean onCall) {
    super(type, value, name);
    this.onCall = onCall;
  }

  public Boolean getOnCall() {
    return onCall;
  }

  public void setOnCall(Boolean onCall) {
    this.onCall = onCall;
  }

  public boolean isOnCall() {
    return Boolean.TRUE.equals(onCall);
  }
}
