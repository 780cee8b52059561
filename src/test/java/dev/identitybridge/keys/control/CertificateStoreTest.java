package dev.identitybridge.keys.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.identitybridge.keys.entity.MetadataSnapshot;
import dev.identitybridge.keys.entity.SigningCertificate;
import dev.identitybridge.token.control.MetadataUnavailableException;
import dev.identitybridge.token.control.TestTokens;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** The store built directly, with a fake fetch and a clock the test moves. */
class CertificateStoreTest {

  /** As configured; tokens name it with an explicit port, the form find() receives. */
  private static final String CONFIGURED = "https://mail.example.com/autodiscover/metadata/json/1";

  private static final String URL = "https://mail.example.com:443/autodiscover/metadata/json/1";
  private static final Duration FORCED = Duration.ofSeconds(30);
  private static final Duration TIMER = Duration.ofHours(1);

  private static final SigningCertificate CURRENT = certificate(TestTokens.SIGNER);
  private static final SigningCertificate NEXT = certificate(TestTokens.OTHER_SIGNER);

  private final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final List<URI> fetched = new CopyOnWriteArrayList<>();

  /** What the next fetch answers: a list of certificates, or a MetadataException to throw. */
  private final AtomicReference<Object> answer = new AtomicReference<>(List.of(CURRENT));

  private final CertificateStore.Fetch fake =
      url -> {
        fetched.add(url);
        return answer();
      };

  static SigningCertificate certificate(HeldCertificate held) {
    return new SigningCertificate(
        TestTokens.x5t(held.certificate()),
        held.certificate().getSubjectX500Principal().getName(),
        held.certificate().getNotBefore().toInstant(),
        held.certificate().getNotAfter().toInstant(),
        2048,
        (RSAPublicKey) held.keyPair().getPublic());
  }

  @SuppressWarnings("unchecked")
  private List<SigningCertificate> answer() throws MetadataException {
    Object next = answer.get();
    if (next instanceof MetadataException failure) {
      throw failure;
    }
    if (next instanceof RuntimeException failure) {
      throw failure;
    }
    return (List<SigningCertificate>) next;
  }

  private CertificateStore store(CertificateStore.Fetch fetch) {
    return new CertificateStore(List.of(CONFIGURED), fetch, clock, FORCED, TIMER);
  }

  private CertificateStore store() {
    return store(fake);
  }

  @Test
  void fetchesTheConfiguredUrlOnTheFirstMiss() {
    CertificateStore store = store();

    assertThat(store.find(URL, CURRENT.x5t())).contains(CURRENT.publicKey());
    assertThat(fetched).containsExactly(URI.create(CONFIGURED));
  }

  @Test
  void answersFromTheSnapshotWithoutFetchingAgain() {
    CertificateStore store = store();
    store.refreshOnSchedule();

    for (int i = 0; i < 100; i++) {
      assertThat(store.find(URL, CURRENT.x5t())).contains(CURRENT.publicKey());
    }
    assertThat(fetched).hasSize(1);
  }

  @Test
  void concurrentMissesShareOneFetch() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger fetches = new AtomicInteger();
    CertificateStore store =
        store(
            url -> {
              fetches.incrementAndGet();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                throw new MetadataException("interrupted");
              }
              return List.of(CURRENT);
            });
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger entered = new AtomicInteger();
    List<Optional<RSAPublicKey>> results = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  entered.incrementAndGet();
                  results.add(store.find(URL, CURRENT.x5t()));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      thread.start();
      threads.add(thread);
    }

    start.countDown();
    // Every thread is inside find(), parked: one in the fetch, the others waiting for it.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                entered.get() == 50
                    && threads.stream()
                        .allMatch(
                            thread ->
                                thread.getState() == Thread.State.WAITING
                                    || thread.getState() == Thread.State.TIMED_WAITING));
    release.countDown();
    for (Thread thread : threads) {
      thread.join(10_000);
    }

    assertThat(fetches).hasValue(1);
    assertThat(results).hasSize(50).allMatch(key -> key.equals(Optional.of(CURRENT.publicKey())));
  }

  @Test
  void keepsTheLastGoodCertificatesWhenARefreshFails() {
    CertificateStore store = store();
    store.refreshOnSchedule();
    Instant firstFetch = clock.instant();
    answer.set(new MetadataException("mail.example.com answered HTTP 503"));
    clock.advance(TIMER);

    store.refreshOnSchedule();

    assertThat(store.find(URL, CURRENT.x5t())).contains(CURRENT.publicKey());
    MetadataSnapshot snapshot = store.snapshots().get(0);
    assertThat(snapshot.lastError()).isEqualTo("mail.example.com answered HTTP 503");
    assertThat(snapshot.fetchedAt()).isEqualTo(firstFetch);
    assertThat(snapshot.lastAttemptAt()).isEqualTo(clock.instant());
    assertThat(snapshot.certificates()).containsOnlyKeys(CURRENT.x5t());
    assertThat(fetched).hasSize(2);
  }

  @Test
  void forcesAtMostOneRefreshPerIntervalForUnknownKeys() {
    CertificateStore store = store();
    store.refreshOnSchedule();

    clock.advance(Duration.ofSeconds(10));
    assertThat(store.find(URL, NEXT.x5t())).as("10 s after the last fetch").isEmpty();
    assertThat(fetched).hasSize(1);

    clock.advance(Duration.ofSeconds(20));
    assertThat(store.find(URL, NEXT.x5t())).as("30 s after: one forced refresh").isEmpty();
    assertThat(fetched).hasSize(2);

    for (int i = 0; i < 20; i++) {
      store.find(URL, "unknown-" + i);
    }
    clock.advance(FORCED.minusSeconds(1));
    assertThat(store.find(URL, NEXT.x5t())).isEmpty();
    assertThat(fetched).as("no more within the interval, whatever the thumbprint").hasSize(2);

    clock.advance(Duration.ofSeconds(1));
    store.find(URL, NEXT.x5t());
    assertThat(fetched).hasSize(3);
  }

  @Test
  void picksUpARotatedCertificateOnItsFirstToken() {
    CertificateStore store = store();
    store.refreshOnSchedule();
    answer.set(List.of(NEXT));
    clock.advance(Duration.ofMinutes(5));

    assertThat(store.find(URL, NEXT.x5t())).contains(NEXT.publicKey());
    assertThat(store.find(URL, CURRENT.x5t())).as("dropped from the document").isEmpty();
    assertThat(fetched).hasSize(2);
  }

  @Test
  void neverFetchesAnUntrustedUrl() {
    CertificateStore store = store();

    assertThat(store.find("https://evil.example:443/autodiscover/metadata/json/1", CURRENT.x5t()))
        .isEmpty();
    assertThat(fetched).isEmpty();

    store.refreshNow();
    assertThat(fetched).containsExactly(URI.create(CONFIGURED));
  }

  @Test
  void reportsMetadataUnavailableWhileNoCertificateIsKnown() {
    answer.set(new MetadataException("mail.example.com could not be reached"));
    CertificateStore store = store();

    MetadataUnavailableException first =
        catchThrowableOfType(
            MetadataUnavailableException.class, () -> store.find(URL, CURRENT.x5t()));
    MetadataUnavailableException second =
        catchThrowableOfType(
            MetadataUnavailableException.class, () -> store.find(URL, CURRENT.x5t()));

    assertThat(first).hasMessage("mail.example.com could not be reached");
    assertThat(second).as("rate-limited, still unavailable").isNotNull();
    assertThat(fetched).hasSize(1);
  }

  @Test
  void recoversFromAnUnexpectedFetchFailure() {
    answer.set(new IllegalStateException("bug"));
    CertificateStore store = store();
    assertThat(catchThrowableOfType(MetadataUnavailableException.class, () -> store.find(URL, "x")))
        .hasMessageContaining("bug");
    answer.set(List.of(CURRENT));
    clock.advance(FORCED);

    assertThat(store.find(URL, CURRENT.x5t())).contains(CURRENT.publicKey());
  }

  @Test
  void describesEachDocumentForTheAdminPage() {
    CertificateStore store = store();
    assertThat(store.snapshots())
        .singleElement()
        .satisfies(
            snapshot -> {
              assertThat(snapshot.url()).isEqualTo(CONFIGURED);
              assertThat(snapshot.certificates()).isEmpty();
              assertThat(snapshot.fetchedAt()).isNull();
            });
    Instant scheduled = clock.instant();

    store.refreshOnSchedule();
    clock.advance(Duration.ofMinutes(10));
    store.refreshNow();

    MetadataSnapshot snapshot = store.snapshots().get(0);
    assertThat(snapshot.certificates().get(CURRENT.x5t()))
        .satisfies(
            certificate -> {
              assertThat(certificate.subject()).contains("Exchange Server Auth Certificate");
              assertThat(certificate.notAfter()).isAfter(certificate.notBefore());
            });
    assertThat(snapshot.fetchedAt()).isEqualTo(clock.instant());
    assertThat(snapshot.lastError()).isNull();
    assertThat(snapshot.nextRefresh()).as("the timer's schedule").isEqualTo(scheduled.plus(TIMER));
  }

  @Test
  void refusesAPlainHttpMetadataUrl() {
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () ->
                    new CertificateStore(
                        List.of("http://mail.example.com/autodiscover/metadata/json/1"),
                        fake,
                        clock,
                        FORCED,
                        TIMER)))
        .hasMessageContaining("http://mail.example.com");
  }

  @Test
  void refusesIntervalsThatCannotWork() {
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () ->
                    new CertificateStore(List.of(CONFIGURED), fake, clock, FORCED, Duration.ZERO)))
        .hasMessageContaining("refresh interval");
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () ->
                    new CertificateStore(
                        List.of(CONFIGURED), fake, clock, Duration.ofSeconds(-1), TIMER)))
        .hasMessageContaining("forced refresh interval");
  }

  /** A clock that only moves when the test says so. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration duration) {
      now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
