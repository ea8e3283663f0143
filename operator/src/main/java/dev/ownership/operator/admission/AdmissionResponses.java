package dev.ownership.operator.admission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that writes what the webhook sends back: AdmissionReview responses and the JSON
 * error bodies of refused HTTP requests.
 */
public final class AdmissionResponses {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private AdmissionResponses() {}

  /**
   * An {@code admission.k8s.io/v1} AdmissionReview answering the request {@code uid}. A refusal
   * carries {@code status} (code, reason, message); warnings and audit annotations are written only
   * when there are some.
   */
  public static byte[] review(String uid, Verdict verdict) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(
            256 + (verdict.message() == null ? 0 : verdict.message().length()));
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("apiVersion", AdmissionReviewReader.API_VERSION);
      json.writeStringField("kind", AdmissionReviewReader.KIND);
      json.writeObjectFieldStart("response");
      json.writeStringField("uid", uid);
      json.writeBooleanField("allowed", verdict.allowed());
      if (!verdict.allowed()) {
        json.writeObjectFieldStart("status");
        json.writeStringField("status", "Failure");
        json.writeNumberField("code", verdict.statusCode());
        json.writeStringField("reason", reason(verdict.statusCode()));
        json.writeStringField("message", verdict.message());
        json.writeEndObject();
      }
      if (!verdict.warnings().isEmpty()) {
        json.writeArrayFieldStart("warnings");
        for (String warning : verdict.warnings()) json.writeString(warning);
        json.writeEndArray();
      }
      if (!verdict.auditAnnotations().isEmpty()) {
        json.writeObjectFieldStart("auditAnnotations");
        for (Map.Entry<String, String> e : new TreeMap<>(verdict.auditAnnotations()).entrySet()) {
          json.writeStringField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * {@code {"error": "..."}}: the body of a 4xx answer to a request that is not a usable
   * AdmissionReview.
   */
  public static byte[] error(String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + message.length());
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("error", message);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String reason(int code) {
    return switch (code) {
      case 403 -> "Forbidden";
      case 500 -> "InternalError";
      default -> "Unknown";
    };
  }
}
