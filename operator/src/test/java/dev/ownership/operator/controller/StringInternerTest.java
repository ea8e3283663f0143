package dev.ownership.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StringInternerTest {
  @Test
  void equalStringsBecomeOneInstance() {
    StringInterner interner = new StringInterner(16, 63);
    String first = interner.intern(new String("kustomize"));
    String second = interner.intern(new String("kustomize"));
    assertThat(second).isEqualTo("kustomize").isSameAs(first);
  }

  @Test
  void neverHoldsMoreThanItsSlots() {
    StringInterner interner = new StringInterner(64, 63);
    for (int i = 0; i < 100_000; i++) interner.intern("value-" + i);
    assertThat(interner.size()).isLessThanOrEqualTo(interner.slots()).isEqualTo(64);
  }

  @Test
  void aValueSeenOftenWinsItsSlotBack() {
    StringInterner interner = new StringInterner(64, 63);
    String common = interner.intern(new String("storefront"));
    for (int i = 0; i < 1_000; i++) interner.intern("svc-" + i);
    String again = interner.intern(new String("storefront"));
    assertThat(interner.intern(new String("storefront"))).isSameAs(again);
    assertThat(again).isEqualTo(common);
  }

  @Test
  void longStringsAndNullPassThroughUnheld() {
    StringInterner interner = new StringInterner(16, 8);
    String longer = new String("123456789");
    assertThat(interner.intern(longer)).isSameAs(longer);
    assertThat(interner.intern(new String("123456789"))).isNotSameAs(longer);
    assertThat(interner.intern(null)).isNull();
    assertThat(interner.size()).isZero();
  }

  @Test
  void slotsMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new StringInterner(100, 8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCachesInternersAreBounded() {
    assertThat(CachedWorkload.KEYS.slots()).isEqualTo(2048);
    assertThat(CachedWorkload.VALUES.slots()).isEqualTo(8192);
  }
}
