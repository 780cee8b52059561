package dev.identitybridge.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void aPageNumberPastTheLastGivesTheLastPageWithoutOverflow() {
    assertThat(Page.firstOf(Integer.MAX_VALUE, 25, 60)).isEqualTo(50);
    assertThat(Page.firstOf(Integer.MAX_VALUE, 50, 0)).isZero();
    assertThat(Page.firstOf(2, 25, 60)).isEqualTo(25);
  }

  @Test
  void aPageNumberBelowOneGivesTheFirstPage() {
    assertThat(Page.firstOf(0, 25, 60)).isZero();
    assertThat(Page.firstOf(Integer.MIN_VALUE, 25, 60)).isZero();
  }

  @Test
  void aHugeResultStillGivesAnOffsetThatFits() {
    assertThat(Page.firstOf(Integer.MAX_VALUE, 50, Long.MAX_VALUE / 2))
        .isLessThanOrEqualTo(Integer.MAX_VALUE - 50);
    Page<String> page = new Page<>(List.of("a"), 3_000_000_000_000L, 0, 50);
    assertThat(page.pages()).isEqualTo(Integer.MAX_VALUE);
  }
}
