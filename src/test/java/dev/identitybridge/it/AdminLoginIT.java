package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Who gets into the admin pages, in a real browser: only enabled accounts with the role admin, and
 * nobody else learns whether their password was right.
 */
@Tag("browser")
@Tag("database-neutral")
class AdminLoginIT extends ServerIntegration {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withSeeding();
  }

  /** What the login page says to every refused sign-in. */
  static final String REFUSAL = "The username or password is not correct";

  AdminBrowser browser;

  @BeforeEach
  void openBrowser() {
    Seed.forgetSignInAttempts(http);
    browser = new AdminBrowser(base);
  }

  @AfterEach
  void tearDown() {
    browser.close();
    Seed.forgetSignInAttempts(http);
  }

  private Http.Reply get(String path, String cookies) {
    HttpRequest.Builder request = http.request(path).GET();
    if (cookies != null && !cookies.isEmpty()) {
      request.header("Cookie", cookies);
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
    String cookiesBefore = browser.cookies();

    browser.submitLogin("admin", AdminBrowser.ADMIN_PASSWORD);

    assertThat(browser.path()).startsWith("admin/audit.xhtml");
    assertThat(browser.bodyText()).contains("Audit log").contains("Signed in as admin");
    assertThat(before).isNotNull();
    assertThat(browser.sessionId()).isNotNull().isNotEqualTo(before);
    assertThat(get("admin/links.xhtml", cookiesBefore).status())
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

  /** What a sign-in shows: where the browser is, and the message; with the session it has. */
  private record Answer(String path, String messages, int adminPageStatus) {}

  private Answer answerTo(String username, String password) {
    browser.signIn(username, password);
    return new Answer(
        browser.path(),
        browser.messages(),
        get("admin/accounts.xhtml", browser.cookies()).status());
  }

  @Test
  void aNonAdministratorsRightPasswordGetsTheAnswerOfAWrongOne() {
    String username = Seed.unique("user");
    String password = Seed.account(http, username, true);

    Answer right = answerTo(username, password);
    browser.screenshot("login-not-admin");
    Answer wrong = answerTo(username, ServerOutput.secret("not-the-password-" + UUID.randomUUID()));

    assertThat(right).isEqualTo(wrong);
    assertThat(right.path()).startsWith("admin/login.xhtml");
    assertThat(right.messages()).contains(REFUSAL);
    assertThat(right.adminPageStatus()).isEqualTo(302);
    assertThat(browser.bodyText()).contains("Sign in").doesNotContain("Forbidden");
  }

  @Test
  void aDisabledAdministratorsRightPasswordGetsTheAnswerOfAWrongOne() {
    String username = Seed.unique("former");
    String password = Seed.admin(http, username);
    Seed.enable(http, username, false);

    Answer right = answerTo(username, password);
    Answer wrong = answerTo(username, ServerOutput.secret("not-the-password-" + UUID.randomUUID()));

    assertThat(right).isEqualTo(wrong);
    assertThat(right.messages()).contains(REFUSAL);
  }

  @Test
  void failedAdminSignInsDoNotLockTheUserOutOfLinkingTheirMailbox() {
    String bob = Seed.unique("bob");
    String password = Seed.account(http, bob, true);
    for (int i = 0; i < 5; i++) {
      browser.signIn(bob, "guess-" + i);
      assertThat(browser.messages()).contains(REFUSAL);
    }

    String token =
        http.post("api/sandbox/tokens", "{\"mailbox\":" + Http.quote(bob) + "}")
            .json()
            .getString("token");
    assertThat(Seed.link(http, token, bob, password).status()).isEqualTo(201);
  }

  @Test
  void auditsAdminSignInsAndLockOuts() {
    String zoe = Seed.unique("zoe");
    String password = Seed.admin(http, zoe);
    for (int i = 0; i < 3; i++) {
      browser.signIn(zoe, ServerOutput.secret("guess-" + UUID.randomUUID()));
    }
    browser.signIn(zoe, password);
    assertThat(browser.path()).as("locked out").startsWith("admin/login.xhtml");

    Seed.passTime(http, Duration.ofSeconds(5));
    browser.signIn(zoe, password);

    assertThat(browser.bodyText()).contains("Signed in as " + zoe);
    browser.open("admin/audit.xhtml?action=ADMIN_SIGN_IN_FAILED");
    assertThat(browser.text("table")).contains("account:" + zoe, "wrong password");
    browser.open("admin/audit.xhtml?action=LOCKED_OUT");
    assertThat(browser.text("table")).contains("account:" + zoe, "3 failed admin sign-in attempts");
    browser.open("admin/audit.xhtml?action=ADMIN_SIGNED_IN&actor=" + zoe);
    assertThat(browser.text("table")).contains("account:" + zoe);
    browser.screenshot("audit-sign-ins");
  }

  @Test
  void signingOutEndsTheSession() {
    browser.signInAsAdmin();
    String session = browser.cookies();
    assertThat(get("admin/links.xhtml", session).status()).isEqualTo(200);

    browser.press("signOut:logout");

    assertThat(browser.path()).startsWith("admin/login.xhtml");
    assertThat(browser.messages()).contains("You have signed out.");
    assertThat(get("admin/links.xhtml", session).status()).isEqualTo(302);
    browser.open("admin/links.xhtml");
    assertThat(browser.path()).startsWith("admin/login.xhtml");
  }
}
