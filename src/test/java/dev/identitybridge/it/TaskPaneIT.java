package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import okhttp3.tls.HeldCertificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The add-in's task pane in headless Chromium, against the real server, with Outlook played by
 * {@link TaskPane}'s stand-in for Office.js, which hands the page a token minted by the {@link
 * FakeExchange}. On the Microsoft 365 path, {@link TaskPane}'s stand-in for MSAL.js hands it an
 * Entra ID access token minted by the {@link FakeEntra}. A PNG of each state lands in {@code
 * target/screenshots}.
 *
 * <p>The test WAR also carries Microsoft's documented sample add-in page (IdentityTest.html and
 * IdentityTest.js, test resources under {@code documented-sample}), with only its request URL
 * pointed at this server.
 */
@Tag("browser")
@Tag("database-neutral")
@Tag("server-neutral")
class TaskPaneIT extends ServerIntegration {

  static final String GOOD = "/good/autodiscover/metadata/json/1";
  static final HeldCertificate KEY = FakeExchange.newSigningCertificate();
  static final String SAMPLE_PAGE = "Pages/IdentityTest.html";

  /** The scope the page asks MSAL.js for: the add-in's API, as GET /api/addin/config names it. */
  static final String ENTRA_SCOPE =
      "api://addin.identitybridge.test/" + FakeEntra.CLIENT_ID + "/access_as_user";

  @Deployment(testable = false)
  static WebArchive deployment() {
    FakeExchange.get().publish(GOOD, KEY);
    FakeEntra.publish();
    return Deployments.withSeeding()
        .addAsWebResource("documented-sample/IdentityTest.html", SAMPLE_PAGE)
        .addAsWebResource("documented-sample/IdentityTest.js", "Scripts/IdentityTest.js");
  }

  /** One browser for the class: the page keeps no state, and each test loads it afresh. */
  static TaskPane taskPane;

  @BeforeAll
  static void openBrowser() {
    taskPane = new TaskPane();
  }

  @AfterAll
  static void closeBrowser() {
    if (taskPane != null) {
      taskPane.close();
    }
  }

  @BeforeEach
  void freshPage() {
    taskPane.reset(base);
  }

  @AfterEach
  void noErrorsOnThePage() {
    assertThat(taskPane.scriptErrors()).as("JavaScript errors on the page").isEmpty();
    assertThat(taskPane.consoleErrors()).as("errors in the browser console").isEmpty();
  }

  private FakeExchange.Token newMailbox() {
    return FakeExchange.token(FakeExchange.get().url(GOOD), KEY);
  }

  private void linkedOverHttp(String token, String username, String password) {
    Http.Reply reply = Seed.link(http, token, username, password);
    assertThat(reply.status()).isEqualTo(201);
  }

  private String sessionCode(String token) {
    Http.Reply reply = http.postWithToken("api/session", token, "");
    return reply.status() == 200 ? "linked" : reply.json().getString("code");
  }

  private String sandboxToken(String mailbox) {
    Http.Reply reply = http.post("api/sandbox/tokens", "{\"mailbox\":" + Http.quote(mailbox) + "}");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().getString("token");
  }

  @Test
  void firstTimeUserSignsInOnceAndSeesTheirAccount() {
    String alice = Seed.unique("alice");
    String password = Seed.account(http, alice, true);
    String token = newMailbox().signed();
    taskPane.outlookHands(token);

    taskPane.open();
    assertThat(taskPane.text("sign-in-title")).isEqualTo("Link your mailbox");
    taskPane.screenshot("sign-in");
    taskPane.signInWithKeyboard(alice, password);

    assertThat(taskPane.text("display-name")).isEqualTo("Seeded " + alice);
    assertThat(taskPane.text("username")).isEqualTo(alice);
    assertThat(taskPane.text("notice")).isEqualTo("This mailbox is now linked to your account.");
    assertThat(taskPane.shown("sign-in")).isFalse();
    taskPane.screenshot("linked-after-sign-in");
    assertThat(sessionCode(token)).isEqualTo("linked");
  }

  @Test
  void returningUserIsRecognisedWithoutSigningIn() {
    String bob = Seed.unique("bob");
    String password = Seed.account(http, bob, true);
    String token = newMailbox().signed();
    linkedOverHttp(token, bob, password);
    taskPane.outlookHands(token);

    taskPane.open();

    assertThat(taskPane.text("display-name")).isEqualTo("Seeded " + bob);
    assertThat(taskPane.text("username")).isEqualTo(bob);
    assertThat(taskPane.text("linked-since")).startsWith("Linked since ");
    assertThat(taskPane.shown("notice")).isFalse();
    assertThat(taskPane.shown("sign-in")).isFalse();
    taskPane.screenshot("linked");
  }

  @Test
  void showsTheTokensClaimsIncludingTheAudience() {
    FakeExchange.Token mailbox = newMailbox();
    taskPane.outlookHands(mailbox.signed());

    taskPane.open();
    taskPane.visible("sign-in");
    taskPane.visible("claims").findElement(By.tagName("summary")).click();

    assertThat(taskPane.text("claim-aud")).isEqualTo(FakeExchange.AUDIENCE);
    assertThat(taskPane.text("claim-uniqueID")).isEqualTo(mailbox.uniqueId());
    assertThat(taskPane.text("claim-msexchuid")).isEqualTo(mailbox.msexchuid());
    assertThat(taskPane.text("claim-iss")).startsWith(FakeExchange.EXCHANGE_UID_PREFIX);
    assertThat(taskPane.text("claim-exp")).endsWith("Z");
    taskPane.screenshot("claims");
  }

  @Test
  void wrongPasswordIsExplainedAndTheFormStays() {
    String carol = Seed.unique("carol");
    Seed.account(http, carol, true);
    String token = newMailbox().signed();
    taskPane.outlookHands(token);

    taskPane.open();
    taskPane.visible("sign-in");
    taskPane.signInWithKeyboard(
        carol, ServerOutput.secret("not-the-password-" + UUID.randomUUID()));

    assertThat(taskPane.text("sign-in-error"))
        .isEqualTo("The username or password is not correct.");
    assertThat(taskPane.value("sign-in-password")).isEmpty();
    assertThat(taskPane.value("sign-in-username")).isEqualTo(carol);
    taskPane.screenshot("wrong-password");
    assertThat(sessionCode(token)).isEqualTo("link_required");
  }

  @Test
  void lockOutSaysHowLongToWait() {
    String dan = Seed.unique("dan");
    String password = Seed.account(http, dan, true);
    taskPane.outlookHands(newMailbox().signed());

    taskPane.open();
    taskPane.visible("sign-in");
    taskPane.field("sign-in-username").sendKeys(dan);
    // pom.xml configures the server under test: three failures lock a username for 4 seconds.
    for (int i = 0; i < 3; i++) {
      taskPane
          .field("sign-in-password")
          .sendKeys(ServerOutput.secret("wrong-" + UUID.randomUUID()), Keys.ENTER);
      taskPane.waitUntilClickable("sign-in-submit");
    }
    taskPane.field("sign-in-password").sendKeys(password, Keys.ENTER);

    taskPane.waitForText("sign-in-error", "Too many failed sign-in attempts.");
    assertThat(taskPane.text("sign-in-error"))
        .matches(".* You can sign in again in [1-4] seconds?\\.");
    taskPane.screenshot("too-many-attempts");
  }

  @Test
  void disabledAccountIsRefusedLikeAWrongPassword() {
    // No oracle (DESIGN.md): the right password of a disabled account tells nothing more.
    String erin = Seed.unique("erin");
    String password = Seed.account(http, erin, false);
    taskPane.outlookHands(newMailbox().signed());

    taskPane.open();
    taskPane.visible("sign-in");
    taskPane.signInWithKeyboard(erin, password);

    assertThat(taskPane.text("sign-in-error"))
        .isEqualTo("The username or password is not correct.");
  }

  @Test
  void tokenForAnotherAddInIsRefusedWithItsReason() {
    taskPane.outlookHands(
        newMailbox().audience("https://other.example/addin/taskpane.html").signed());

    taskPane.open();

    assertThat(taskPane.text("problem-title")).isEqualTo("Your identity could not be verified");
    assertThat(taskPane.text("problem-detail"))
        .isEqualTo(
            "The server refused the identity token that Exchange issued: "
                + "The token was issued for another add-in (aud).");
    assertThat(taskPane.shown("sign-in")).isFalse();
    taskPane.screenshot("invalid-token");
  }

  @Test
  void exchangeThatIssuesNoIdentityTokensIsNamed() {
    taskPane.outlookFailsWith("GenericTokenError", 9018, "An internal error has occurred.");

    taskPane.open();

    assertThat(taskPane.text("problem-title")).isEqualTo("Exchange issued no identity token");
    assertThat(taskPane.text("problem-detail"))
        .contains("did not give Outlook an identity token")
        .contains("GenericTokenError, code 9018")
        .contains("Exchange Online no longer issues these tokens");
    assertThat(taskPane.visible("retry").getText()).isEqualTo("Try again");
    taskPane.screenshot("generic-token-error");
  }

  @Test
  void exchangeThatRefusesThisAddInATokenIsExplained() {
    taskPane.outlookFailsWith("GenericTokenError", 9042, "An internal error has occurred.");

    taskPane.open();

    assertThat(taskPane.text("problem-title"))
        .isEqualTo("Exchange refused to identify you to this add-in");
    assertThat(taskPane.text("problem-detail"))
        .contains("Outlook could not get an identity token for this add-in")
        .contains("GenericTokenError, code 9042")
        .contains("ask your administrator to turn on this add-in's Microsoft 365 sign-in");
    assertThat(taskPane.visible("retry").getText()).isEqualTo("Try again");
    taskPane.screenshot("exchange-refused-9042");
  }

  @Test
  void outlookThatCannotIdentifyTheUserAtAllSaysWhatToDo() {
    taskPane.outlookWithoutAnyWayToIdentifyTheUser();
    taskPane.msalHandsSilently("never-used");

    taskPane.open();

    assertThat(taskPane.text("problem-title")).isEqualTo("This Outlook cannot identify you");
    assertThat(taskPane.text("problem-detail"))
        .contains("supports neither Microsoft 365 sign-in for add-ins (nested app authentication)")
        .contains("nor Exchange identity tokens")
        .endsWith("Update Outlook, or use Outlook on the web.");
    assertThat(taskPane.shown("retry")).isFalse();
    assertThat(taskPane.msalCalls()).isEmpty();
    taskPane.screenshot("outlook-cannot-identify");
  }

  @Test
  void userUnlinksTheirMailbox() {
    String frank = Seed.unique("frank");
    String password = Seed.account(http, frank, true);
    String token = newMailbox().signed();
    linkedOverHttp(token, frank, password);
    taskPane.outlookHands(token);

    taskPane.open();
    taskPane.visible("unlink").click();

    assertThat(taskPane.text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(taskPane.text("notice"))
        .isEqualTo("This mailbox is no longer linked to " + frank + ". Sign in to link it again.");
    assertThat(taskPane.shown("linked")).isFalse();
    taskPane.screenshot("unlinked");
    assertThat(sessionCode(token)).isEqualTo("link_required");
  }

  @Test
  void openedOutsideOutlookSaysSo() {
    taskPane.noOfficeHost();

    taskPane.open();

    assertThat(taskPane.text("problem-title")).isEqualTo("Open this add-in in Outlook");
    assertThat(taskPane.text("problem-detail")).contains("was opened outside Outlook");
    assertThat(taskPane.shown("retry")).isFalse();
    taskPane.screenshot("outside-outlook");
  }

  @Test
  void sandboxFlowWorksOutsideOutlook() {
    String grace = Seed.unique("grace");
    String password = Seed.account(http, grace, true);
    String mailbox = Seed.unique("alice");
    taskPane.noOfficeHost();

    taskPane.open();
    assertThat(taskPane.text("problem-title")).isEqualTo("Open this add-in in Outlook");
    assertThat(taskPane.shown("sandbox-banner")).isFalse();
    WebElement name = taskPane.visible("sandbox-mailbox");
    assertThat(name.getAttribute("value")).isEqualTo("alice");
    assertThat(taskPane.text("sandbox-start")).isEqualTo("Try with a sandbox mailbox");
    taskPane.screenshot("sandbox-offer");
    name.clear();
    name.sendKeys(mailbox, Keys.ENTER);

    assertThat(taskPane.text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(taskPane.text("sandbox-banner"))
        .startsWith("Sandbox: tokens here are not from Exchange.");
    taskPane.signInWithKeyboard(grace, password);

    assertThat(taskPane.text("display-name")).isEqualTo("Seeded " + grace);
    assertThat(taskPane.text("username")).isEqualTo(grace);
    assertThat(taskPane.text("notice")).isEqualTo("This mailbox is now linked to your account.");
    assertThat(taskPane.shown("sandbox-banner")).isTrue();
    taskPane.screenshot("sandbox-linked");
    String token = sandboxToken(mailbox);
    assertThat(sessionCode(token)).isEqualTo("linked");

    taskPane.visible("unlink").click();
    taskPane.waitForText("notice", "no longer linked");
    assertThat(taskPane.text("notice"))
        .isEqualTo("This mailbox is no longer linked to " + grace + ". Sign in to link it again.");
    assertThat(taskPane.shown("sandbox-banner")).isTrue();
    assertThat(sessionCode(token)).isEqualTo("link_required");
  }

  @Test
  void documentedSamplePageShowsTheClaims() {
    FakeExchange.Token mailbox = newMailbox();
    taskPane.outlookHands(mailbox.signed());

    taskPane.open(SAMPLE_PAGE);

    taskPane.waitUntil(
        () -> !taskPane.value("uniqueID").isEmpty() || !"None".equals(taskPane.value("error")));
    assertThat(taskPane.value("error")).isEqualTo("None");
    assertThat(taskPane.value("uniqueID")).isEqualTo(mailbox.uniqueId()).hasSize(43);
    assertThat(taskPane.value("msexchuid")).isEqualTo(mailbox.msexchuid());
    assertThat(taskPane.value("amurl")).isEqualTo(FakeExchange.get().url(GOOD));
    assertThat(taskPane.value("iss"))
        .isEqualTo("00000002-0000-0ff1-ce00-000000000000@contoso.test");
    assertThat(taskPane.value("x5t")).isEqualTo(FakeExchange.x5t(KEY));
    assertThat(taskPane.value("nbf")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(taskPane.value("exp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    // The published script never fills the audience.
    assertThat(taskPane.value("aud")).isEmpty();
    taskPane.saveScreenshot("documented-sample");
  }

  @Test
  void officeJsThatCannotLoadIsNamed() {
    taskPane.officeJsCannotLoad();

    taskPane.open();

    assertThat(taskPane.text("problem-title")).isEqualTo("Open this add-in in Outlook");
    assertThat(taskPane.text("problem-detail"))
        .contains("Office.js")
        .contains("could not be loaded");
  }

  @Test
  void officeThatNeverAnswersDoesNotLeaveThePageHanging() {
    taskPane.officeNeverReady();

    taskPane.open();
    assertThat(taskPane.text("connecting-text")).isEqualTo("Connecting to Outlook…");

    assertThat(taskPane.text("problem-title")).isEqualTo("Open this add-in in Outlook");
    assertThat(taskPane.shown("connecting")).isFalse();
  }

  // ---- Microsoft 365 mailboxes: nested app authentication ----

  @Test
  void microsoft365UserSignsInThroughNestedAppAuthentication() {
    String nina = Seed.unique("nina");
    String password = Seed.account(http, nina, true);
    FakeEntra.Token user = FakeEntra.token();
    String token = user.signed();
    // Were the Exchange path taken, the page would show this failure instead.
    taskPane.outlookWithNestedAppAuthenticationFailsWith(
        "GenericTokenError", 9017, "An internal error has occurred.");
    taskPane.msalHandsAfterPopup(token);

    taskPane.open();
    assertThat(taskPane.text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(taskPane.text("token-path"))
        .isEqualTo("Signed in with Microsoft 365 (nested app authentication).");
    taskPane.signInWithKeyboard(nina, password);

    assertThat(taskPane.text("username")).isEqualTo(nina);
    assertThat(taskPane.msalCalls())
        .containsExactly(
            "create " + FakeEntra.CLIENT_ID + " https://login.microsoftonline.com/common",
            "silent " + ENTRA_SCOPE,
            "popup " + ENTRA_SCOPE);
    taskPane.visible("claims").findElement(By.tagName("summary")).click();
    assertThat(taskPane.text("claim-kind")).isEqualTo("entra");
    assertThat(taskPane.text("claim-tid")).isEqualTo(FakeEntra.TENANT);
    assertThat(taskPane.text("claim-uniqueID")).isEqualTo(user.uniqueId());
    taskPane.screenshot("entra-linked");
    assertThat(sessionCode(token)).isEqualTo("linked");
  }

  @Test
  void outlookWithoutNestedAppAuthenticationFallsBackToTheExchangeToken() {
    taskPane.outlookHands(newMailbox().signed());
    taskPane.msalHandsSilently("never-used");

    taskPane.open();

    assertThat(taskPane.text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(taskPane.text("token-path")).isEqualTo("Identified by an Exchange identity token.");
    assertThat(taskPane.msalCalls()).isEmpty();
  }

  @Test
  void failedMicrosoft365SignInAndNoExchangeTokenAreBothExplained() {
    taskPane.outlookWithNestedAppAuthenticationFailsWith(
        "GenericTokenError", 9017, "An internal error has occurred.");
    taskPane.msalFailsSilentlyWith("invalid_client", "ServerError");

    taskPane.open();

    assertThat(taskPane.text("problem-title"))
        .isEqualTo("Neither Microsoft 365 nor Exchange could identify you");
    assertThat(taskPane.text("problem-detail"))
        .contains("Microsoft 365 sign-in failed (invalid_client)")
        .contains("app registration")
        .contains("GenericTokenError, code 9017");
    assertThat(taskPane.visible("retry").getText()).isEqualTo("Try again");
    taskPane.screenshot("entra-and-exchange-failed");
  }

  /** Outlook on a Microsoft 365 mailbox, where Exchange Online issues no identity token. */
  private void microsoft365MailboxWhoseExchangeIssuesNoToken() {
    taskPane.outlookWithNestedAppAuthenticationFailsWith(
        "GenericTokenError", 9017, "An internal error has occurred.");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"popup_window_error", "empty_window_error"})
  void aBlockedSignInWindowIsExplained(String errorCode) {
    microsoft365MailboxWhoseExchangeIssuesNoToken();
    taskPane.msalPopupFailsWith(errorCode, "BrowserAuthError");

    taskPane.open();

    assertThat(taskPane.text("problem-title"))
        .isEqualTo("Neither Microsoft 365 nor Exchange could identify you");
    assertThat(taskPane.text("problem-detail"))
        .startsWith(
            "Outlook could not open the Microsoft 365 sign-in window ("
                + errorCode
                + "). Allow pop-ups for this add-in, then choose Try again.")
        .contains("GenericTokenError, code 9017");
    assertThat(taskPane.visible("retry").getText()).isEqualTo("Try again");
    assertThat(taskPane.msalCalls()).contains("popup " + ENTRA_SCOPE);
    taskPane.screenshot("entra-" + errorCode);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"interaction_required", "consent_required", "login_required"})
  void signInOrConsentThatThePopupCannotGetIsExplained(String errorCode) {
    microsoft365MailboxWhoseExchangeIssuesNoToken();
    taskPane.msalPopupFailsWith(errorCode, "InteractionRequiredAuthError");

    taskPane.open();

    assertThat(taskPane.text("problem-title"))
        .isEqualTo("Neither Microsoft 365 nor Exchange could identify you");
    assertThat(taskPane.text("problem-detail"))
        .startsWith(
            "Microsoft 365 needs you to sign in or to consent to this add-in ("
                + errorCode
                + "). Choose Try again; if your organisation requires an administrator's"
                + " consent, ask your administrator to grant it.");
    assertThat(taskPane.visible("retry").getText()).isEqualTo("Try again");
    assertThat(taskPane.msalCalls())
        .containsSubsequence("silent " + ENTRA_SCOPE, "popup " + ENTRA_SCOPE);
    taskPane.screenshot("entra-" + errorCode);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"no_network_connectivity", "network_error"})
  void microsoft365SignInWithoutANetworkIsExplained(String errorCode) {
    microsoft365MailboxWhoseExchangeIssuesNoToken();
    taskPane.msalFailsSilentlyWith(errorCode, "ClientAuthError");

    taskPane.open();

    assertThat(taskPane.text("problem-title"))
        .isEqualTo("Neither Microsoft 365 nor Exchange could identify you");
    assertThat(taskPane.text("problem-detail"))
        .startsWith(
            "Microsoft 365 sign-in could not reach the network ("
                + errorCode
                + "). Check your connection and choose Try again.");
    assertThat(taskPane.visible("retry").getText()).isEqualTo("Try again");
    taskPane.screenshot("entra-" + errorCode);
  }

  @Test
  void onPremisesAccountFallsBackFromMicrosoft365SignInToTheExchangeToken() {
    String paul = Seed.unique("paul");
    String password = Seed.account(http, paul, true);
    String token = newMailbox().signed();
    // What nested app authentication answers for an account that is not in Entra ID.
    taskPane.outlookWithNestedAppAuthenticationHands(token);
    taskPane.msalFailsSilentlyWith("no_account_found", "ClientAuthError");

    taskPane.open();
    assertThat(taskPane.text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(taskPane.text("token-path")).isEqualTo("Identified by an Exchange identity token.");
    assertThat(taskPane.shown("problem")).isFalse();
    taskPane.signInWithKeyboard(paul, password);

    assertThat(taskPane.text("display-name")).isEqualTo("Seeded " + paul);
    assertThat(taskPane.text("username")).isEqualTo(paul);
    assertThat(taskPane.text("notice")).isEqualTo("This mailbox is now linked to your account.");
    assertThat(taskPane.msalCalls()).contains("silent " + ENTRA_SCOPE);
    taskPane.screenshot("entra-fallback-exchange-linked");
    assertThat(sessionCode(token)).isEqualTo("linked");
  }

  /**
   * MSAL.js spells it two ways: {@code user_cancelled} when its own popup was closed, {@code
   * user_canceled} when Outlook's nested app authentication bridge reports that the user cancelled.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"user_cancelled, BrowserAuthError", "user_canceled, ClientAuthError"})
  void closingTheSignInWindowCanBeTriedAgain(String errorCode, String name) {
    taskPane.outlookWithNestedAppAuthentication();
    taskPane.msalPopupFailsWith(errorCode, name);

    taskPane.open();

    assertThat(taskPane.text("problem-title")).isEqualTo("You closed the sign-in window");
    assertThat(taskPane.text("problem-detail")).contains("Choose Try again");
    assertThat(taskPane.visible("retry").isDisplayed()).isTrue();
  }

  @Test
  void sandboxTenantFlowWorksOutsideOutlook() {
    String olga = Seed.unique("olga");
    String password = Seed.account(http, olga, true);
    taskPane.noOfficeHost();

    taskPane.open();
    taskPane.visible("sandbox-kinds");
    taskPane.chooseSandboxKind("entra");
    WebElement name = taskPane.visible("sandbox-mailbox");
    name.clear();
    name.sendKeys(Seed.unique("olga"), Keys.ENTER);

    assertThat(taskPane.text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(taskPane.text("token-path"))
        .isEqualTo("Sandbox: an Entra ID access token from the sandbox tenant.");
    taskPane.signInWithKeyboard(olga, password);

    assertThat(taskPane.text("username")).isEqualTo(olga);
    taskPane.visible("claims").findElement(By.tagName("summary")).click();
    assertThat(taskPane.text("claim-kind")).isEqualTo("entra");
    assertThat(taskPane.text("claim-tid")).isEqualTo(FakeEntra.SANDBOX_TENANT);
    taskPane.screenshot("sandbox-entra-linked");
  }
}
