package dev.identitybridge.operations.boundary;

import dev.identitybridge.keys.control.SigningKeyStore;
import dev.identitybridge.keys.entity.KeySnapshot;
import dev.identitybridge.operations.control.Charts;
import dev.identitybridge.operations.control.Overview;
import dev.identitybridge.operations.control.SignInCounters;
import dev.identitybridge.operations.entity.HourlyCount;
import dev.identitybridge.operations.entity.LineChart;
import dev.identitybridge.operations.entity.StackedBars;
import dev.identitybridge.token.entity.ValidationOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The admin's home page: sign-ins of the last 24 hours by outcome and by kind, links over the last
 * 30 days, the numbers beside them, and the key sources' health.
 */
@Named
@ViewScoped
public class DashboardBacking implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int HOURS = 24;
  static final int DAYS = 30;

  /**
   * The outcomes of valid tokens; {@code valid} is what counters written before the sign-ins were
   * split by link still hold.
   */
  private static final Set<String> ACCEPTED =
      Set.of(SignInCounters.LINKED, SignInCounters.LINK_REQUIRED, ValidationOutcome.VALID);

  @Inject SignInCounters counters;
  @Inject Overview overview;
  @Inject SigningKeyStore keys;
  @Inject Clock clock;

  private transient StackedBars byOutcome;
  private transient StackedBars byKind;
  private transient LineChart links;
  private long accounts;
  private long linkCount;
  private long signIns;
  private long rejected;
  private long lockedOut;
  private transient List<KeySnapshot> sources;

  @PostConstruct
  void init() {
    Instant now = clock.instant();
    Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
    // This instance's latest counts first, so the page shows what just happened here too.
    counters.flush();
    List<HourlyCount> counts = counters.since(firstHour);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < HOURS; i++) {
      int hour = firstHour.plus(Duration.ofHours(i)).atOffset(ZoneOffset.UTC).getHour();
      labels.add(i % 3 == 0 ? "%02d".formatted(hour) : "");
    }
    byOutcome =
        Charts.stacked(
            labels, perHour(counts, firstHour, HourlyCount::outcome), SignInCounters.LINKED);
    byKind = Charts.stacked(labels, perHour(counts, firstHour, HourlyCount::kind), null);
    signIns = counts.stream().mapToLong(HourlyCount::count).sum();
    rejected =
        counts.stream()
            .filter(c -> !ACCEPTED.contains(c.outcome()))
            .mapToLong(HourlyCount::count)
            .sum();

    accounts = overview.accounts();
    lockedOut = overview.lockedOut(now);
    linkCount = overview.links();
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate firstDay = today.minusDays(DAYS - 1);
    Instant since = firstDay.atStartOfDay().toInstant(ZoneOffset.UTC);
    Map<LocalDate, Long> created = overview.linksCreatedByDay(since);
    long running = overview.linksCreatedBefore(since);
    List<String> days = new ArrayList<>();
    List<Long> cumulative = new ArrayList<>();
    for (int i = 0; i < DAYS; i++) {
      LocalDate day = firstDay.plusDays(i);
      running += created.getOrDefault(day, 0L);
      cumulative.add(running);
      days.add(i % 7 == 0 || i == DAYS - 1 ? day.toString().substring(5) : "");
    }
    links = Charts.line(days, cumulative);

    sources = keys.snapshots();
  }

  private static List<Map<String, Long>> perHour(
      List<HourlyCount> counts, Instant firstHour, Function<HourlyCount, String> series) {
    List<Map<String, Long>> hours = new ArrayList<>();
    for (int i = 0; i < HOURS; i++) {
      hours.add(new HashMap<>());
    }
    for (HourlyCount count : counts) {
      int index = (int) Duration.between(firstHour, count.hour()).toHours();
      if (index >= 0 && index < HOURS) {
        hours.get(index).merge(series.apply(count), count.count(), Long::sum);
      }
    }
    return hours;
  }

  public StackedBars getByOutcome() {
    return byOutcome;
  }

  public StackedBars getByKind() {
    return byKind;
  }

  public LineChart getLinks() {
    return links;
  }

  public long getAccounts() {
    return accounts;
  }

  public long getLinkCount() {
    return linkCount;
  }

  public long getSignIns() {
    return signIns;
  }

  public long getRejected() {
    return rejected;
  }

  /** The usernames and client addresses locked out now, on every instance. */
  public long getLockedOut() {
    return lockedOut;
  }

  public List<KeySnapshot> getSources() {
    return sources;
  }

  public long getHealthySources() {
    return sources.stream().filter(s -> !s.keys().isEmpty() && s.lastError() == null).count();
  }
}
