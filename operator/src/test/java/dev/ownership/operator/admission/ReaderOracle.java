package dev.ownership.operator.admission;

import java.util.List;

/** The differential comparison of the readers, for the fuzz test outside this package. */
public final class ReaderOracle {
  private ReaderOracle() {}

  /** Reads {@code body} with the reader and with the Jackson one; notes any disagreement. */
  public static void compare(byte[] body, List<String> differences) {
    AdmissionReviewReaderDifferentialTest.compare(body, differences);
  }
}
