package dev.ownership.operator.admission;

/** The body is not an AdmissionReview this webhook can answer; the message says what to fix. */
public class BadReviewException extends Exception {
  public BadReviewException(String message) {
    super(message, null, false, false);
  }
}
