package dev.identitybridge.operations.control;

import dev.identitybridge.operations.entity.LineChart;
import dev.identitybridge.operations.entity.StackedBars;
import dev.identitybridge.operations.entity.StackedBars.Column;
import dev.identitybridge.operations.entity.StackedBars.Segment;
import dev.identitybridge.operations.entity.StackedBars.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lays out the dashboard's charts; plain Java, so the arithmetic is tested without a browser. */
public final class Charts {

  public static final int WIDTH = 720;
  public static final int HEIGHT = 180;

  /** Series that get a colour of their own; the others share the palette in order. */
  private static final int PALETTE = 8;

  private Charts() {}

  /**
   * @param labels one per column, in order (empty strings for unlabelled columns)
   * @param counts per column (same order), count by series name
   * @param first a series drawn first and shown first (e.g. {@code valid}), or null
   */
  public static StackedBars stacked(
      List<String> labels, List<Map<String, Long>> counts, String first) {
    Map<String, Long> totals = new LinkedHashMap<>();
    counts.forEach(column -> column.forEach((series, n) -> totals.merge(series, n, Long::sum)));
    List<String> order =
        totals.keySet().stream()
            .sorted(
                Comparator.comparing((String s) -> !s.equals(first))
                    .thenComparing(s -> -totals.get(s))
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    Map<String, String> classes = new LinkedHashMap<>();
    List<Series> legend = new ArrayList<>();
    int colour = 0;
    for (String series : order) {
      String styleClass = series.equals(first) ? "s-first" : "s-" + (colour++ % PALETTE + 1);
      classes.put(series, styleClass);
      legend.add(new Series(series, styleClass, totals.get(series)));
    }
    long max =
        Math.max(
            1,
            counts.stream()
                .mapToLong(c -> c.values().stream().mapToLong(Long::longValue).sum())
                .max()
                .orElse(0));
    double slot = (double) WIDTH / Math.max(1, labels.size());
    double barWidth = Math.max(1, slot - 4);
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      Map<String, Long> column = counts.get(i);
      double bottom = HEIGHT;
      long total = 0;
      List<Segment> segments = new ArrayList<>();
      for (String series : order) {
        long n = column.getOrDefault(series, 0L);
        if (n > 0) {
          double height = round(HEIGHT * (double) n / max);
          bottom = round(bottom - height);
          segments.add(new Segment(series, n, bottom, height, classes.get(series)));
          total += n;
        }
      }
      columns.add(new Column(labels.get(i), round(i * slot + 2), round(barWidth), total, segments));
    }
    return new StackedBars(WIDTH, HEIGHT, max, columns, legend);
  }

  /** A line through the values, evenly spaced, the highest at the top. */
  public static LineChart line(List<String> labels, List<Long> values) {
    long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(0));
    double step = values.size() > 1 ? (double) WIDTH / (values.size() - 1) : 0;
    StringBuilder points = new StringBuilder();
    List<LineChart.Label> axis = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      double x = round(i * step);
      double y = round(HEIGHT - HEIGHT * (double) values.get(i) / max);
      points.append(points.isEmpty() ? "" : " ").append(number(x)).append(',').append(number(y));
      if (!labels.get(i).isEmpty()) {
        axis.add(new LineChart.Label(labels.get(i), x));
      }
    }
    return new LineChart(WIDTH, HEIGHT, max, points.toString(), axis);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
