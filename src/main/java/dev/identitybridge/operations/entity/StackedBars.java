package dev.identitybridge.operations.entity;

import java.util.List;

/**
 * A stacked bar chart laid out for SVG: coordinates in the view box, one CSS class per series (the
 * admin CSP forbids style attributes, so colours come from admin.css).
 */
public record StackedBars(
    int width, int height, long max, List<Column> columns, List<Series> legend) {

  /** One bar: a label under it (or empty) and its segments from the bottom up. */
  public record Column(String label, double x, double width, long total, List<Segment> segments) {}

  public record Segment(String series, long count, double y, double height, String styleClass) {}

  public record Series(String name, String styleClass, long total) {}

  public boolean empty() {
    return legend.isEmpty();
  }
}
