package dev.ownership.operator.tls;

import java.util.ArrayList;
import java.util.List;

/** Splits a PEM bundle into its CERTIFICATE blocks, each with its BEGIN and END lines. */
final class PemBlocks {
  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String END = "-----END CERTIFICATE-----";

  private PemBlocks() {}

  static List<String> certificates(String bundle) {
    List<String> blocks = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = bundle.indexOf(BEGIN, from);
      if (begin < 0) return blocks;
      int end = bundle.indexOf(END, begin);
      if (end < 0) return blocks;
      blocks.add(bundle.substring(begin, end + END.length()) + "\n");
      from = end + END.length();
    }
  }
}
