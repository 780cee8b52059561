package dev.identitybridge.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two Payara Micro instances of the WAR (with the test-only seeding servlet) on one PostgreSQL,
 * clustered on loopback, each started exactly as README's "Several instances" says: with {@code
 * server-config/payara/cluster-instance.sh}. Not Arquillian, whose model is one container per run.
 * Their configuration is the run's environment (pom.xml), as for every other server under test;
 * their output goes to {@code target/failsafe-reports/cluster/<test class>-instance-N.log}.
 */
public final class TwoInstances implements BeforeAllCallback, AfterAllCallback {

  static final int[] PORTS = {18081, 18082};
  private static final Duration START = Duration.ofMinutes(5);

  private final List<Process> processes = new ArrayList<>();

  private static TwoInstances current;

  static TwoInstances get() {
    return current;
  }

  public Http http(int instance) {
    return new Http(url(instance));
  }

  public static URL url(int instance) {
    try {
      return URI.create("http://localhost:" + PORTS[instance] + "/").toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path dir = Path.of("target", "cluster");
    Files.createDirectories(dir);
    File war = dir.resolve("identity-bridge.war").toFile();
    Deployments.withSeeding().as(ZipExporter.class).exportTo(war, true);
    Path logs = Path.of(System.getProperty("it.reports", "target/failsafe-reports/cluster"));
    Files.createDirectories(logs);
    String name = context.getRequiredTestClass().getSimpleName();
    for (int i = 0; i < PORTS.length; i++) {
      processes.add(start(i, war, logs.resolve(name + "-instance-" + (i + 1) + ".log")));
    }
    for (int i = 0; i < PORTS.length; i++) {
      awaitReady(i);
    }
    current = this;
  }

  private Process start(int instance, File war, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("sh", "server-config/payara/cluster-instance.sh")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("INSTANCE_NAME", "ib-" + (instance + 1));
    env.put("HTTP_PORT", Integer.toString(PORTS[instance]));
    env.put("CLUSTER_NAME", "identity-bridge-it");
    env.put("CLUSTER_MEMBERS", "127.0.0.1:6900,127.0.0.1:6901");
    env.put("CLUSTER_INTERFACE", "127.0.0.1");
    env.put("PAYARA_MICRO_JAR", System.getProperty("payara.microJar"));
    env.put("WAR", war.getAbsolutePath());
    env.put("POSTGRESQL_JAR", System.getProperty("jdbc.driver.jar"));
    env.put("JAVA_OPTS", "-Xmx512m");
    return builder.start();
  }

  private void awaitReady(int instance) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!processes.get(instance).isAlive()) {
        throw new IllegalStateException("Instance " + (instance + 1) + " exited while starting");
      }
      try {
        HttpResponse<Void> ready =
            client.send(
                HttpRequest.newBuilder(URI.create(url(instance) + "api/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("Instance " + (instance + 1) + " not ready within " + START);
  }

  /** Kills an instance at once, as a crash or a pulled cable would (no orderly shutdown). */
  public void kill(int instance) throws InterruptedException {
    Process process = processes.get(instance);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (Process process : processes) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    for (Process process : processes) {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    current = null;
  }
}
