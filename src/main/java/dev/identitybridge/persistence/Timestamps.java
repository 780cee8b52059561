package dev.identitybridge.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Times are stored as {@code timestamp with time zone} through OffsetDateTime, which every JPA
 * provider maps (Payara's EclipseLink would serialise an Instant into a binary column).
 */
public final class Timestamps {

  private Timestamps() {}

  public static OffsetDateTime utc(Instant instant) {
    return Objects.requireNonNull(instant, "time").atOffset(ZoneOffset.UTC);
  }
}
