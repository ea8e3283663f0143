package dev.ownership.operator.admission;

/** What to send for one HTTP request: a status code and a JSON body. */
public record AdmissionResult(int httpStatus, byte[] body) {
  public static AdmissionResult ok(byte[] review) {
    return new AdmissionResult(200, review);
  }

  public static AdmissionResult badRequest(String message) {
    return new AdmissionResult(400, AdmissionResponses.error(message));
  }
}
