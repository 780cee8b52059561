package dev.identitybridge.operations.entity;

import java.util.List;

/**
 * A line laid out for SVG.
 *
 * @param points the polyline's {@code points} attribute
 * @param labels the x-axis labels with their positions
 */
public record LineChart(int width, int height, long max, String points, List<Label> labels) {

  public record Label(String text, double x) {}
}
