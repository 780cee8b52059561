package dev.identitybridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Captures the server's output ({@link ServerOutput}) and starts the {@link FakeExchange} before
 * any test class, hence before Arquillian starts the server under test, which must find the fake's
 * TLS certificate at start-up. Only in the integration test runs, where pom.xml sets {@code
 * it.exchange.port}.
 */
public class FakeExchangeSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String port = System.getProperty("it.exchange.port");
    String tlsPem = System.getProperty("it.exchange.tls-pem");
    // Failsafe sets both; the unit tests' fork sees only what -D gave Maven, e.g. the port alone.
    if (port == null || tlsPem == null) {
      return;
    }
    try {
      String output = System.getProperty("it.server.output");
      if (output != null) {
        ServerOutput.capture(Path.of(output));
      }
      FakeExchange.start(Integer.parseInt(port), Path.of(tlsPem));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    try {
      FakeExchange.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
