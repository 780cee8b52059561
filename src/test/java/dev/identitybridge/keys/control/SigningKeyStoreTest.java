package dev.identitybridge.keys.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.identitybridge.config.control.MovableClock;
import dev.identitybridge.exchange.control.TestTokens;
import dev.identitybridge.keys.entity.KeySnapshot;
import dev.identitybridge.keys.entity.SigningKey;
import dev.identitybridge.token.entity.TokenKind;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
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
class SigningKeyStoreTest {

  /** As configured; tokens name it with an explicit port, the form find() receives. */
  private static final String CONFIGURED = "https://mail.example.com/autodiscover/metadata/json/1";

  private static final String URL = "https://mail.example.com:443/autodiscover/metadata/json/1";
  private static final Duration FORCED = Duration.ofSeconds(30);
  private static final Duration TIMER = Duration.ofHours(1);

  private static final SigningKey CURRENT = certificate(TestTokens.SIGNER);
  private static final SigningKey NEXT = certificate(TestTokens.OTHER_SIGNER);

  private final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final List<URI> fetched = new CopyOnWriteArrayList<>();

  /** What the next fetch answers: a list of certificates, or a KeySourceException to throw. */
  private final AtomicReference<Object> answer = new AtomicReference<>(List.of(CURRENT));

  private final KeySource.Fetch fake =
      url -> {
        fetched.add(url);
        return answer();
      };

  static SigningKey certificate(HeldCertificate held) {
    return new SigningKey(
        TestTokens.x5t(held.certificate()),
        held.certificate().getSubjectX500Principal().getName(),
        held.certificate().getNotBefore().toInstant(),
        held.certificate().getNotAfter().toInstant(),
        2048,
        (RSAPublicKey) held.keyPair().getPublic());
  }

  @SuppressWarnings("unchecked")
  private List<SigningKey> answer() throws KeySourceException {
    Object next = answer.get();
    if (next instanceof KeySourceException failure) {
      throw failure;
    }
    if (next instanceof RuntimeException failure) {
      throw failure;
    }
    return (List<SigningKey>) next;
  }

  private KeySource source() {
    return KeySource.at(CONFIGURED, TokenKind.EXCHANGE_IDENTITY, "test", fake);
  }

  private SigningKeyStore store(KeySource.Fetch fetch) {
    return new SigningKeyStore(
        List.of(KeySource.at(CONFIGURED, TokenKind.EXCHANGE_IDENTITY, "test", fetch)),
        clock,
        FORCED,
        TIMER);
  }

  private SigningKeyStore store() {
    return store(fake);
  }

  @Test
  void fetchesTheConfiguredUrlOnTheFirstMiss() {
    SigningKeyStore store = store();

    assertThat(store.find(URL, CURRENT.id())).contains(CURRENT);
    assertThat(fetched).containsExactly(URI.create(CONFIGURED));
  }

  @Test
  void answersFromTheSnapshotWithoutFetchingAgain() {
    SigningKeyStore store = store();
    store.refreshOnSchedule();

    for (int i = 0; i < 100; i++) {
      assertThat(store.find(URL, CURRENT.id())).contains(CURRENT);
    }
    assertThat(fetched).hasSize(1);
  }

  @Test
  void concurrentMissesShareOneFetch() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger fetches = new AtomicInteger();
    SigningKeyStore store =
        store(
            url -> {
              fetches.incrementAndGet();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                throw new KeySourceException("interrupted");
              }
              return List.of(CURRENT);
            });
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger entered = new AtomicInteger();
    List<Optional<SigningKey>> results = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  entered.incrementAndGet();
                  results.add(store.find(URL, CURRENT.id()));
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
    assertThat(results).hasSize(50).allMatch(key -> key.equals(Optional.of(CURRENT)));
  }

  @Test
  void keepsTheLastGoodCertificatesWhenARefreshFails() {
    SigningKeyStore store = store();
    store.refreshOnSchedule();
    Instant firstFetch = clock.instant();
    answer.set(new KeySourceException("mail.example.com answered HTTP 503"));
    clock.advance(TIMER);

    store.refreshOnSchedule();

    assertThat(store.find(URL, CURRENT.id())).contains(CURRENT);
    KeySnapshot snapshot = store.snapshots().get(0);
    assertThat(snapshot.lastError()).isEqualTo("mail.example.com answered HTTP 503");
    assertThat(snapshot.fetchedAt()).isEqualTo(firstFetch);
    assertThat(snapshot.lastAttemptAt()).isEqualTo(clock.instant());
    assertThat(snapshot.keys()).containsOnlyKeys(CURRENT.id());
    assertThat(fetched).hasSize(2);
  }

  @Test
  void forcesAtMostOneRefreshPerIntervalForUnknownKeys() {
    SigningKeyStore store = store();
    store.refreshOnSchedule();

    clock.advance(Duration.ofSeconds(10));
    assertThat(store.find(URL, NEXT.id())).as("10 s after the last fetch").isEmpty();
    assertThat(fetched).hasSize(1);

    clock.advance(Duration.ofSeconds(20));
    assertThat(store.find(URL, NEXT.id())).as("30 s after: one forced refresh").isEmpty();
    assertThat(fetched).hasSize(2);

    for (int i = 0; i < 20; i++) {
      store.find(URL, "unknown-" + i);
    }
    clock.advance(FORCED.minusSeconds(1));
    assertThat(store.find(URL, NEXT.id())).isEmpty();
    assertThat(fetched).as("no more within the interval, whatever the thumbprint").hasSize(2);

    clock.advance(Duration.ofSeconds(1));
    store.find(URL, NEXT.id());
    assertThat(fetched).hasSize(3);
  }

  @Test
  void picksUpARotatedCertificateOnItsFirstToken() {
    SigningKeyStore store = store();
    store.refreshOnSchedule();
    answer.set(List.of(NEXT));
    clock.advance(Duration.ofMinutes(5));

    assertThat(store.find(URL, NEXT.id())).contains(NEXT);
    assertThat(store.find(URL, CURRENT.id())).as("dropped from the document").isEmpty();
    assertThat(fetched).hasSize(2);
  }

  @Test
  void neverFetchesAnUntrustedUrl() {
    SigningKeyStore store = store();

    assertThat(store.find("https://evil.example:443/autodiscover/metadata/json/1", CURRENT.id()))
        .isEmpty();
    assertThat(fetched).isEmpty();

    store.refreshNow();
    assertThat(fetched).containsExactly(URI.create(CONFIGURED));
  }

  @Test
  void reportsMetadataUnavailableWhileNoCertificateIsKnown() {
    answer.set(new KeySourceException("mail.example.com could not be reached"));
    SigningKeyStore store = store();

    KeysUnavailableException first =
        catchThrowableOfType(KeysUnavailableException.class, () -> store.find(URL, CURRENT.id()));
    KeysUnavailableException second =
        catchThrowableOfType(KeysUnavailableException.class, () -> store.find(URL, CURRENT.id()));

    assertThat(first).hasMessage("mail.example.com could not be reached");
    assertThat(second).as("rate-limited, still unavailable").isNotNull();
    assertThat(fetched).hasSize(1);
  }

  @Test
  void recoversFromAnUnexpectedFetchFailure() {
    answer.set(new IllegalStateException("bug"));
    SigningKeyStore store = store();
    assertThat(catchThrowableOfType(KeysUnavailableException.class, () -> store.find(URL, "x")))
        .hasMessageContaining("bug");
    answer.set(List.of(CURRENT));
    clock.advance(FORCED);

    assertThat(store.find(URL, CURRENT.id())).contains(CURRENT);
  }

  @Test
  void describesEachDocumentForTheAdminPage() {
    SigningKeyStore store = store();
    assertThat(store.snapshots())
        .singleElement()
        .satisfies(
            snapshot -> {
              assertThat(snapshot.source()).isEqualTo(CONFIGURED);
              assertThat(snapshot.keys()).isEmpty();
              assertThat(snapshot.fetchedAt()).isNull();
            });
    Instant scheduled = clock.instant();

    store.refreshOnSchedule();
    clock.advance(Duration.ofMinutes(10));
    store.refreshNow();

    KeySnapshot snapshot = store.snapshots().get(0);
    assertThat(snapshot.keys().get(CURRENT.id()))
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
                    KeySource.at(
                        "http://mail.example.com/autodiscover/metadata/json/1",
                        TokenKind.EXCHANGE_IDENTITY,
                        "test",
                        fake)))
        .hasMessageContaining("http://mail.example.com");
  }

  @Test
  void refusesIntervalsThatCannotWork() {
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () -> new SigningKeyStore(List.of(source()), clock, FORCED, Duration.ZERO)))
        .hasMessageContaining("refresh interval");
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () -> new SigningKeyStore(List.of(source()), clock, Duration.ofSeconds(-1), TIMER)))
        .hasMessageContaining("forced refresh interval");
  }
}
