package dev.ownership.operator.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lease holder's name. */
class PodIdentityTest {
  @Test
  void inAPodTheHolderIsThePodName() {
    assertThat(PodIdentity.of(Map.of("HOSTNAME", "ownership-operator-7d9f-abcde"), false))
        .isEqualTo("ownership-operator-7d9f-abcde");
  }

  @Test
  void replicasInOneJvmGetDistinctNamesStartingWithTheHost() {
    Map<String, String> env = Map.of("HOSTNAME", "laptop");
    String first = PodIdentity.of(env, true);
    String second = PodIdentity.of(env, true);
    assertThat(first).startsWith("laptop-").isNotEqualTo(second);
    assertThat(second).startsWith("laptop-");
  }

  @Test
  void withoutAHostNameTheHolderIsStillNamedAndUnique() {
    for (Map<String, String> env :
        java.util.List.of(Map.<String, String>of(), Map.of("HOSTNAME", " "))) {
      String first = PodIdentity.of(env, false);
      assertThat(first).startsWith("ownership-operator-").isNotEqualTo(PodIdentity.of(env, false));
    }
  }
}
