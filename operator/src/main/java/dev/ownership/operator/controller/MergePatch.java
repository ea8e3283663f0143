package dev.ownership.operator.controller;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.WorkloadMarks;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The JSON merge patch (RFC 7386) the writer sends: only the operator's keys, only those that
 * change. A null value deletes the key on the API server, which is how a key the operator wrote is
 * removed when it no longer applies; keys it does not own are never named.
 */
final class MergePatch {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private MergePatch() {}

  /** The patch that turns {@code current} into {@code desired}; null when nothing changes. */
  static String between(WorkloadMarks current, WorkloadMarks desired) {
    boolean team = !Objects.equals(current.team(), desired.team());
    boolean service = !Objects.equals(current.service(), desired.service());
    boolean source = !Objects.equals(current.source(), desired.source());
    boolean status = !Objects.equals(current.status(), desired.status());
    if (!team && !service && !source && !status) return null;
    StringWriter text = new StringWriter(160);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeObjectFieldStart("metadata");
      if (team || service || source) {
        json.writeObjectFieldStart("annotations");
        if (team) json.writeStringField(OwnershipKeys.TEAM_ANNOTATION, desired.team());
        if (service) json.writeStringField(OwnershipKeys.SERVICE_ANNOTATION, desired.service());
        if (source) json.writeStringField(OwnershipKeys.SOURCE_ANNOTATION, desired.source());
        json.writeEndObject();
      }
      if (status) {
        json.writeObjectFieldStart("labels");
        json.writeStringField(OwnershipKeys.STATUS_LABEL, desired.status());
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
