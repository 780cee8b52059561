package dev.identitybridge.keys.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Fetches metadata documents: HTTPS only, no redirects, bounded in time and size, with the host
 * name verified. On-premises Exchange often has a self-signed TLS certificate, so an admin may add
 * a PEM bundle of certificates trusted in addition to the JDK's.
 */
public class HttpsFetcher {

  public static final int MAX_BODY_BYTES = 256 * 1024;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final Duration connectTimeout;
  private final Duration requestTimeout;

  /**
   * @param extraTrust a PEM file of certificates to trust besides the JDK's
   * @throws IllegalStateException when that file cannot be read or holds no certificate
   */
  public HttpsFetcher(Optional<Path> extraTrust) {
    this(extraTrust, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
  }

  HttpsFetcher(Optional<Path> extraTrust, Duration connectTimeout, Duration requestTimeout) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            // One small GET an hour gains nothing from HTTP/2; HTTP/1.1 keeps cancelling simple.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(Redirect.NEVER)
            .connectTimeout(connectTimeout);
    extraTrust.ifPresent(pem -> builder.sslContext(sslContext(trustManager(pem))));
    // Host name verification stays on: HttpClient verifies unless a JDK-internal property says not.
    this.http = builder.build();
  }

  /**
   * @return the body of a 200 answer, at most {@link #MAX_BODY_BYTES}
   * @throws KeySourceException for any other outcome; no request is made for a non-https URL
   */
  public byte[] fetch(URI url) throws KeySourceException {
    if (!"https".equalsIgnoreCase(url.getScheme())) {
      throw new KeySourceException("Only https metadata URLs are fetched, not " + url);
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, LimitedBody::of);
    HttpResponse<byte[]> response;
    try {
      // The request timeout ends at the response headers; this one also covers the body.
      response = exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new KeySourceException(url + " did not answer within " + seconds(requestTimeout));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new KeySourceException("Interrupted while fetching " + url);
    } catch (ExecutionException e) {
      throw new KeySourceException(failure(url, e.getCause()), e.getCause());
    }
    int status = response.statusCode();
    if (status >= 300 && status < 400) {
      throw new KeySourceException(
          url
              + " answered with a redirect (HTTP "
              + status
              + "), which is not followed: configure the final URL");
    }
    if (status != 200) {
      throw new KeySourceException(url + " answered HTTP " + status);
    }
    return response.body();
  }

  private String failure(URI url, Throwable cause) {
    if (cause instanceof BodyTooLarge) {
      return url + " answered with more than " + MAX_BODY_BYTES / 1024 + " KiB";
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return url + " could not be reached within " + seconds(connectTimeout);
    }
    if (cause instanceof HttpTimeoutException) {
      return url + " did not answer within " + seconds(requestTimeout);
    }
    if (cause instanceof ConnectException) {
      return url + " could not be reached (connection refused)";
    }
    if (cause instanceof SSLException) {
      return url + " failed the TLS handshake: " + cause.getMessage();
    }
    return url + " could not be fetched: " + cause;
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  /**
   * Trusts the JDK's default CAs plus the certificates in a PEM file, through the JDK's own PKIX
   * trust manager, so certificate paths and host names are checked as usual.
   */
  static X509TrustManager trustManager(Path pem) {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int alias = 0;
      for (X509Certificate authority : defaultTrustManager().getAcceptedIssuers()) {
        trusted.setCertificateEntry("jdk-" + alias++, authority);
      }
      for (Certificate extra : readPem(pem)) {
        trusted.setCertificateEntry("extra-" + alias++, extra);
      }
      return x509TrustManager(trusted);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot build the TLS trust for metadata requests: " + e, e);
    }
  }

  private static Collection<? extends Certificate> readPem(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalStateException("No certificate in " + pem);
      }
      return certificates;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the certificates in " + pem + ": " + e, e);
    }
  }

  private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
    return x509TrustManager(null);
  }

  private static X509TrustManager x509TrustManager(KeyStore trusted)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("The JDK offers no X.509 trust manager");
  }

  private static SSLContext sslContext(X509TrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot set up TLS for metadata requests: " + e, e);
    }
  }

  private static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super("More than " + MAX_BODY_BYTES + " bytes");
    }
  }

  /**
   * Collects at most {@link #MAX_BODY_BYTES} and cancels beyond them; reads nothing of an answer
   * that is not 200, whose body is never used.
   */
  private static final class LimitedBody implements BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final boolean wanted;
    private final boolean declaredTooLarge;
    private Flow.Subscription subscription;

    private LimitedBody(boolean wanted, boolean declaredTooLarge) {
      this.wanted = wanted;
      this.declaredTooLarge = declaredTooLarge;
    }

    static BodySubscriber<byte[]> of(ResponseInfo response) {
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      return new LimitedBody(response.statusCode() == 200, declared > MAX_BODY_BYTES);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      // The outcome is settled before cancelling, so the cancellation cannot be reported instead.
      if (!wanted) {
        body.complete(new byte[0]);
        subscription.cancel();
      } else if (declaredTooLarge) {
        body.completeExceptionally(new BodyTooLarge());
        subscription.cancel();
      } else {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + buffer.remaining() > MAX_BODY_BYTES) {
          body.completeExceptionally(new BodyTooLarge());
          subscription.cancel();
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      body.complete(bytes.toByteArray());
    }
  }
}
