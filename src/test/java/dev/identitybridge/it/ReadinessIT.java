package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ReadinessIT extends ServerIntegration {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @Test
  void reportsUpOnceTheDatabaseAnswers() throws Exception {
    Http.Reply response = http.send(http.request("api/health/ready").build());

    assertThat(response.status()).isEqualTo(200);
    JsonObject health = response.json();
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getJsonArray("checks").getJsonObject(0).getString("name"))
        .isEqualTo("database");
  }

  @Test
  void reportsThatThisInstanceHoldsSigningKeys() {
    JsonObject keys =
        http.send(http.request("api/health/ready").build())
            .json()
            .getJsonArray("checks")
            .getJsonObject(1);

    assertThat(keys.getString("name")).isEqualTo("keys");
    assertThat(keys.getString("status")).isEqualTo("UP");
    assertThat(keys.getJsonObject("data").getInt("withKeys")).isPositive();
    assertThat(keys.toString()).as("no source named to anonymous callers").doesNotContain("https");
  }

  /** Payara serves MicroProfile Health itself; WildFly only with a subsystem its default lacks. */
  @Test
  void answersMicroProfileHealthWhereTheServerHasIt() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getProperty("arquillian.launch", "").startsWith("payara"));

    Http.Reply ready = http.send(http.request("health/ready").build());
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("identity-bridge").contains("UP");
    Http.Reply live = http.send(http.request("health/live").build());
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.body()).contains("identity-bridge");
  }

  @Test
  void reportsLiveWithoutAskingAnything() throws Exception {
    Http.Reply response = http.send(http.request("api/health/live").build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().getString("status")).isEqualTo("UP");
  }

  @Test
  @Tag("postgres-only")
  void migratesTheSchemaInPostgresql() throws Exception {
    try (Connection db = TestDatabase.connect();
        ResultSet rows =
            db.createStatement()
                .executeQuery("select success from flyway_schema_history where version = '1'")) {
      assertThat(rows.next()).as("migration 1 recorded in PostgreSQL").isTrue();
      assertThat(rows.getBoolean("success")).isTrue();
    }
  }
}
