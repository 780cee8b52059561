package dev.identitybridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the admin pages show a moment: UTC to the second ({@code #{timeDisplay.of(...)}}). */
@Named
@ApplicationScoped
public class TimeDisplay {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public String of(Object time) {
    if (time instanceof Instant instant) {
      return FORMAT.format(instant);
    }
    if (time instanceof OffsetDateTime offset) {
      return FORMAT.format(offset.toInstant());
    }
    return "never";
  }
}
