package dev.identitybridge.operations.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identitybridge.operations.entity.LineChart;
import dev.identitybridge.operations.entity.StackedBars;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartsTest {

  @Test
  void stacksEachHoursOutcomesScaledToTheBusiestHour() {
    StackedBars chart =
        Charts.stacked(
            List.of("00", "", ""),
            List.of(
                Map.of("valid", 3L, "bad_signature", 1L), Map.of(), Map.of("token_expired", 2L)),
            "valid");

    assertThat(chart.max()).isEqualTo(4);
    assertThat(chart.legend())
        .extracting(StackedBars.Series::name)
        .containsExactly("valid", "token_expired", "bad_signature");
    assertThat(chart.legend().get(0).styleClass()).isEqualTo("s-first");
    StackedBars.Column busiest = chart.columns().get(0);
    assertThat(busiest.total()).isEqualTo(4);
    assertThat(busiest.segments())
        .extracting(StackedBars.Segment::height)
        .containsExactly(135.0, 45.0);
    assertThat(busiest.segments().get(1).y()).isEqualTo(0.0);
    assertThat(chart.columns().get(1).segments()).isEmpty();
    assertThat(chart.columns().get(2).x()).isEqualTo(482.0);
  }

  @Test
  void drawsALineWithTheHighestValueAtTheTop() {
    LineChart line = Charts.line(List.of("a", "", "c"), List.of(0L, 5L, 10L));

    assertThat(line.points()).isEqualTo("0.0,180.0 360.0,90.0 720.0,0.0");
    assertThat(line.labels()).extracting(LineChart.Label::text).containsExactly("a", "c");
  }

  @Test
  void anEmptyDayHasNoSeriesAndNoDivisionByZero() {
    StackedBars chart = Charts.stacked(List.of("00"), List.of(Map.of()), "valid");

    assertThat(chart.empty()).isTrue();
    assertThat(chart.max()).isEqualTo(1);
  }
}
