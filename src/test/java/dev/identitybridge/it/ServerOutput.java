package dev.identitybridge.it;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the server under test printed. Arquillian copies the server's console to this JVM's
 * System.out; {@link #capture} tees it into a file, so that a test can read the server's log. Used
 * as an extension, it checks after each test class that no secret the class handed to the server
 * (tokens, passwords, see {@link #secret}) and no password hash appears in that log.
 */
public final class ServerOutput implements AfterAllCallback {

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  static {
    String adminPassword = System.getenv("IDENTITYBRIDGE_ADMIN_PASSWORD");
    if (adminPassword != null) {
      SECRETS.add(adminPassword);
    }
  }

  private static volatile Path file;

  /** Remembers a value that must never appear in the server's output; returns it. */
  public static String secret(String value) {
    SECRETS.add(value);
    return value;
  }

  static synchronized void capture(Path target) throws IOException {
    if (file != null) {
      return;
    }
    Files.createDirectories(target.getParent());
    OutputStream copy = new FileOutputStream(target.toFile());
    PrintStream console = System.out;
    System.setOut(
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                console.write(b);
                copy.write(b);
              }

              @Override
              public void write(byte[] bytes, int offset, int length) throws IOException {
                console.write(bytes, offset, length);
                copy.write(bytes, offset, length);
              }

              @Override
              public void flush() throws IOException {
                console.flush();
                copy.flush();
              }
            },
            true,
            StandardCharsets.UTF_8));
    file = target;
  }

  public static String text() {
    try {
      System.out.flush();
      return file == null ? "" : Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    String log = text();
    org.assertj.core.api.Assertions.assertThat(log)
        .as("the server's output")
        .isNotEmpty()
        .doesNotContain("PBKDF2WithHmac");
    for (String secret : SECRETS) {
      if (log.contains(secret)) {
        throw new AssertionError(
            "The server's output contains a token or password that a test sent it");
      }
    }
  }
}
