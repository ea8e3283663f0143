package dev.ownership.operator.who;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Targets are written the way kubectl takes them; anything else is refused with what to write. */
class TargetTest {
  @ParameterizedTest
  @CsvSource({
    "po/x, POD",
    "pods/x, POD",
    "Pod/x, POD",
    "rs/x, REPLICASET",
    "replicasets.apps/x, REPLICASET",
    "deploy/x, DEPLOYMENT",
    "deployment.apps/x, DEPLOYMENT",
    "sts/x, STATEFULSET",
    "statefulsets/x, STATEFULSET",
    "ds/x, DAEMONSET",
    "job/x, JOB",
    "jobs.batch/x, JOB",
    "cj/x, CRONJOB",
    "CronJob/x, CRONJOB",
    "svc/x, SERVICE",
    "services/x, SERVICE"
  })
  void kubectlNamesOfEveryKind(String word, TargetKind kind) {
    assertThat(Target.parse(List.of(word))).isEqualTo(new Target(kind, "x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"deployment.batch/x", "cm/x", "pod", "pod/", "pod/Upper", "pod/a..b"})
  void wrongTargetsAreRefused(String word) {
    assertThatThrownBy(() -> Target.parse(List.of(word)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pod x", "sts db-0"})
  void kindAndNameAsTwoWords(String words) {
    assertThat(Target.parse(List.of(words.split(" "))).name()).isEqualTo(words.split(" ")[1]);
  }
}
