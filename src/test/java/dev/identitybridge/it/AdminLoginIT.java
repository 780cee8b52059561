package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Who gets into the admin pages, in a real browser: only accounts with the role admin. */
@Tag("browser")
@Tag("database-neutral")
class AdminLoginIT extends ServerIntegration {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withSeeding();
  }

  AdminBrowser browser;

  @BeforeEach
  void openBrowser() {
    browser = new AdminBrowser(base);
  }

  @AfterEach
  void tearDown() {
    browser.close();
  }

  private Http.Reply get(String path, String sessionId) {
    HttpRequest.Builder request = http.request(path).GET();
    if (sessionId != null) {
      request.header("Cookie", "JSESSIONID=" + sessionId);
    }
    return http.send(request.build());
  }

  @Test
  void sendsAnonymousVisitorsToTheLoginPage() {
    Http.Reply anonymous = get("admin/links.xhtml", null);
    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.header("Location")).contains("/admin/login.xhtml");

    browser.open("admin/accounts.xhtml");

    assertThat(browser.path()).startsWith("admin/login.xhtml");
    assertThat(browser.bodyText()).contains("Sign in").doesNotContain("Accounts\n");
    browser.screenshot("login");
  }

  @Test
  void forbidsFramingAndForeignScriptsOnAdminPages() {
    Http.Reply login = get("admin/login.xhtml", null);

    assertThat(login.status()).isEqualTo(200);
    assertThat(login.header("Content-Security-Policy"))
        .contains("frame-ancestors 'none'")
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(login.raw().headers().allValues("Set-Cookie"))
        .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("HttpOnly"));
  }

  @Test
  void adminContinuesToThePageAskedForWithANewSessionId() {
    browser.open("admin/audit.xhtml");
    String before = browser.sessionId();

    browser.submitLogin("admin", AdminBrowser.ADMIN_PASSWORD);

    assertThat(browser.path()).startsWith("admin/audit.xhtml");
    assertThat(browser.bodyText()).contains("Audit log").contains("Signed in as admin");
    assertThat(before).isNotNull();
    assertThat(browser.sessionId()).isNotNull().isNotEqualTo(before);
    assertThat(get("admin/links.xhtml", before).status())
        .as("the session id from before the login")
        .isEqualTo(302);
  }

  @Test
  void refusesAWrongPasswordAndStaysOnTheLoginPage() {
    browser.signIn("admin", ServerOutput.secret("not-the-admin-password"));

    assertThat(browser.path()).startsWith("admin/login.xhtml");
    assertThat(browser.messages()).contains("username or password is not correct");
    browser.screenshot("login-wrong-password");

    browser.signInAsAdmin();
    assertThat(browser.path()).startsWith("admin/links.xhtml");
  }

  @Test
  void refusesAnAccountWithoutTheAdminRole() {
    String username = Seed.unique("user");
    String password = Seed.account(http, username, true);

    browser.signIn(username, password);

    assertThat(browser.driver().getPageSource()).containsAnyOf("403", "Forbidden");
    assertThat(browser.bodyText()).doesNotContain("Identity links");
    browser.screenshot("login-not-admin");
    assertThat(get("admin/accounts.xhtml", browser.sessionId()).status()).isEqualTo(403);
  }

  @Test
  void signingOutEndsTheSession() {
    browser.signInAsAdmin();
    String session = browser.sessionId();
    assertThat(get("admin/links.xhtml", session).status()).isEqualTo(200);

    browser.press("signOut:logout");

    assertThat(browser.path()).startsWith("admin/login.xhtml");
    assertThat(browser.messages()).contains("You have signed out.");
    assertThat(get("admin/links.xhtml", session).status()).isEqualTo(302);
    browser.open("admin/links.xhtml");
    assertThat(browser.path()).startsWith("admin/login.xhtml");
  }
}
