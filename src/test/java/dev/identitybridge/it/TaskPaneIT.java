package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.stream.Stream;
import okhttp3.tls.HeldCertificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.NetworkInterceptor;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.http.Contents;
import org.openqa.selenium.remote.http.HttpResponse;
import org.openqa.selenium.remote.http.Route;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The add-in's task pane in headless Chromium, against the real server. Outlook is played by a
 * stand-in for Office.js that the browser receives instead of Microsoft's CDN script (intercepted
 * through the DevTools protocol, so the shipped page stays untouched); it hands the page a token
 * minted by the {@link FakeExchange}. A PNG of each state lands in {@code target/screenshots}.
 *
 * <p>The test WAR also carries Microsoft's documented sample add-in page (IdentityTest.html and
 * IdentityTest.js, test resources under {@code documented-sample}), with only its request URL
 * pointed at this server. The libraries it loads from its own {@code ../Scripts} and {@code
 * ../Content} folders are served by the same interception: the same Office.js stand-in, a jQuery
 * stand-in with just {@code $(document).ready}, and empty stylesheets.
 */
@ExtendWith({ArquillianExtension.class, ServerOutput.class})
class TaskPaneIT {

  static final String GOOD = "/good/autodiscover/metadata/json/1";
  static final HeldCertificate KEY = FakeExchange.newSigningCertificate();
  static final String OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final int TASK_PANE_WIDTH = 320;
  static final Duration PATIENCE = Duration.ofSeconds(20);

  static final String SAMPLE_PAGE = "Pages/IdentityTest.html";

  @Deployment(testable = false)
  static WebArchive deployment() {
    FakeExchange.get().publish(GOOD, KEY);
    FakeEntra.publish();
    return Deployments.withSeeding()
        .addAsWebResource("documented-sample/IdentityTest.html", SAMPLE_PAGE)
        .addAsWebResource("documented-sample/IdentityTest.js", "Scripts/IdentityTest.js");
  }

  @ArquillianResource URL base;
  Http http;

  /** One browser for the class: the page keeps no state, and each test loads it afresh. */
  static ChromeDriver browser;

  static NetworkInterceptor cdn;
  static Path profile;

  /** What the browser receives when the page asks Microsoft's CDN for Office.js. */
  static volatile HttpResponse officeJs;

  /** What the browser receives instead of the WAR's MSAL.js, or null for the real one. */
  static volatile HttpResponse msalJs;

  static final List<String> scriptErrors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void openBrowser() throws IOException {
    boolean present = Chromium.installed();
    if (!present) {
      System.err.println(
          "TaskPaneIT SKIPPED: no headless Chromium. Install it with "
              + "`apt-get install chromium chromium-driver`.");
    }
    assumeTrue(
        present,
        "The browser tests need /usr/bin/chromium and /usr/bin/chromedriver "
            + "(Debian: apt-get install chromium chromium-driver)");
    profile = Files.createTempDirectory("taskpane-chromium-");
    ChromeOptions options = Chromium.options(profile, "360,800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = Chromium.driverService();
    browser = new ChromeDriver(service, options);
    // Chromium keeps desktop windows at least 500 px wide; the task pane is as narrow as 320 px.
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", TASK_PANE_WIDTH, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    browser.getDevTools().createSessionIfThereIsNotOne();
    browser
        .getDevTools()
        .getDomains()
        .events()
        .addJavascriptExceptionListener(e -> scriptErrors.add(e.getMessage()));
    cdn =
        new NetworkInterceptor(
            browser,
            Route.matching(request -> standIn(request.getUri()) != null)
                .to(() -> request -> standIn(request.getUri())));
  }

  @AfterAll
  static void closeBrowser() throws IOException {
    if (browser == null) {
      return;
    }
    cdn.close();
    browser.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  @BeforeEach
  void freshPage() {
    http = new Http(base);
    browser.get("about:blank");
    browser.manage().logs().get(LogType.BROWSER);
    scriptErrors.clear();
    officeJs = new HttpResponse().setStatus(404);
    msalJs = null;
  }

  @AfterEach
  void noErrorsOnThePage() {
    List<String> consoleErrors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(message -> !isExpectedRefusal(message))
            .toList();
    assertThat(scriptErrors).as("JavaScript errors on the page").isEmpty();
    assertThat(consoleErrors).as("errors in the browser console").isEmpty();
  }

  /**
   * Chromium logs every HTTP error status as a console error. The API answers a mailbox that is not
   * linked yet, a wrong password or a refused token with 4xx by design, and the test that makes the
   * CDN fail sees that failure. The documented sample page names no icon, so the browser asks for
   * {@code /favicon.ico}, which the WAR does not have. Those lines are expected, nothing else is.
   */
  private static boolean isExpectedRefusal(String message) {
    return message.contains("/api/") && message.contains("status of 4")
        || message.startsWith(OFFICE_JS) && message.contains("status of 404")
        || message.contains("/favicon.ico ") && message.contains("status of 404");
  }

  /** What the browser receives instead of a script or stylesheet from elsewhere, or null. */
  private static HttpResponse standIn(String uri) {
    String path = uri.replaceFirst("[?#].*$", "");
    if (uri.startsWith(OFFICE_JS) || path.endsWith("/Scripts/Office/Office.js")) {
      return officeJs;
    } else if (path.endsWith("/addin/msal/msal-browser.min.js")) {
      return msalJs;
    } else if (path.endsWith("/Scripts/jquery-1.6.2.js")) {
      return file("text/javascript", JQUERY_READY);
    } else if (path.endsWith("/Scripts/Office/MicrosoftAjax.js")) {
      return file("text/javascript", "");
    } else if (path.endsWith("/Content/Office.css") || path.endsWith("/Content/App.css")) {
      return file("text/css", "");
    }
    return null;
  }

  /** The only part of jQuery the documented sample uses. */
  static final String JQUERY_READY =
      """
      window.$ = window.jQuery = function (subject) {
        return {
          ready: function (callback) {
            if (document.readyState === 'loading') {
              document.addEventListener('DOMContentLoaded', function () { callback(window.$); });
            } else {
              setTimeout(function () { callback(window.$); }, 0);
            }
          }
        };
      };
      """;

  private static HttpResponse file(String contentType, String content) {
    return new HttpResponse()
        .setStatus(200)
        .addHeader("Content-Type", contentType + "; charset=utf-8")
        .setContent(Contents.utf8String(content));
  }

  // ---- What Outlook does, played by the stand-in for Office.js ----

  private void outlookHands(String token) {
    officeJs(
        standIn(
            "'Outlook'", "{status: 'succeeded', value: " + Http.quote(token) + ", error: null}"));
  }

  private void outlookFailsWith(String name, int code, String message) {
    officeJs(
        standIn(
            "'Outlook'",
            "{status: 'failed', value: null, error: {name: %s, code: %d, message: %s}}"
                .formatted(Http.quote(name), code, Http.quote(message))));
  }

  /** Office.js as it behaves in a browser tab of its own: ready, but with no Office host. */
  private void noOfficeHost() {
    officeJs(standIn("null", "null"));
  }

  /** Office.js that never says whether it runs in an Office application. */
  private void officeNeverReady() {
    officeJs(
        """
        window.Office = {
          context: {},
          onReady: function () { return new Promise(function () {}); }
        };
        """);
  }

  private static void officeJs(String source) {
    officeJs = file("text/javascript", source);
  }

  private static String standIn(String host, String tokenResult) {
    return standIn(host, tokenResult, false);
  }

  /** Outlook with nested app authentication (requirement set NestedAppAuth 1.1), or without. */
  private static String standIn(String host, String tokenResult, boolean naa) {
    return """
        window.Office = (function () {
          var host = %s;
          var tokenResult = %s;
          var mailbox = {
            item: {
              getEntities: function () { return {phoneNumbers: []}; }
            },
            getUserIdentityTokenAsync: function (callback, userContext) {
              setTimeout(function () {
                var result = JSON.parse(JSON.stringify(tokenResult));
                result.asyncContext = userContext;
                callback(result);
              }, 20);
            }
          };
          // Outlook calls an add-in's Office.initialize, if it has one, once the page has loaded.
          document.addEventListener('DOMContentLoaded', function () {
            if (host && typeof window.Office.initialize === 'function') {
              window.Office.initialize('inserted');
            }
          });
          var requirements = {
            isSetSupported: function (name, version) {
              return %s && name === 'NestedAppAuth' && version === '1.1';
            }
          };
          return {
            HostType: {Outlook: 'Outlook'},
            AsyncResultStatus: {Succeeded: 'succeeded', Failed: 'failed'},
            context: host ? {mailbox: mailbox, requirements: requirements} : {},
            onReady: function (callback) {
              var ready = new Promise(function (resolve) {
                setTimeout(function () {
                  resolve({host: host, platform: host ? 'OfficeOnline' : null});
                }, 20);
              });
              return callback ? ready.then(callback) : ready;
            }
          };
        })();
        """
        .formatted(host, tokenResult, naa);
  }

  /**
   * MSAL.js as nested app authentication behaves in Outlook: the silent request needs interaction
   * when told so, and the popup (or the silent request) ends in the outcome given, a result with an
   * {@code accessToken} or an error with an {@code errorCode}. Calls are kept in {@code
   * window.msalCalls}.
   */
  private static void msal(String outcome, boolean silentNeedsInteraction) {
    msalJs =
        file(
            "text/javascript",
            """
            window.msalCalls = [];
            window.msal = (function () {
              var outcome = %s;
              var silentNeedsInteraction = %s;
              function InteractionRequiredAuthError(code) {
                this.errorCode = code;
                this.name = 'InteractionRequiredAuthError';
              }
              function answer() {
                return outcome.accessToken ? Promise.resolve(outcome) : Promise.reject(outcome);
              }
              return {
                InteractionRequiredAuthError: InteractionRequiredAuthError,
                createNestablePublicClientApplication: function (config) {
                  window.msalCalls.push('create ' + config.auth.clientId + ' ' + config.auth.authority);
                  return Promise.resolve({
                    acquireTokenSilent: function (request) {
                      window.msalCalls.push('silent ' + request.scopes.join(' '));
                      return silentNeedsInteraction
                          ? Promise.reject(new InteractionRequiredAuthError('interaction_required'))
                          : answer();
                    },
                    acquireTokenPopup: function (request) {
                      window.msalCalls.push('popup ' + request.scopes.join(' '));
                      return answer();
                    }
                  });
                }
              };
            })();
            """
                .formatted(outcome, silentNeedsInteraction));
  }

  @SuppressWarnings("unchecked")
  private List<String> msalCalls() {
    Object calls = browser.executeScript("return window.msalCalls || [];");
    return (List<String>) calls;
  }

  static final String ENTRA_SCOPE =
      "api://addin.identitybridge.test/" + FakeEntra.CLIENT_ID + "/access_as_user";

  // ---- The server's side ----

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

  // ---- The page ----

  private void openTaskPane() {
    browser.get(http.request("addin/taskpane.html").build().uri().toString());
  }

  private WebElement visible(String id) {
    return new WebDriverWait(browser, PATIENCE)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  private String text(String id) {
    return visible(id).getText();
  }

  private String value(String id) {
    return browser.findElement(By.id(id)).getAttribute("value");
  }

  private String sandboxToken(String mailbox) {
    Http.Reply reply = http.post("api/sandbox/tokens", "{\"mailbox\":" + Http.quote(mailbox) + "}");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().getString("token");
  }

  private boolean shown(String id) {
    return browser.findElement(By.id(id)).isDisplayed();
  }

  /** Types into the focused field, as a keyboard user would: Tab to the next one, Enter to send. */
  private void signInWithKeyboard(String username, String password) {
    WebElement focused = browser.switchTo().activeElement();
    assertThat(focused.getAttribute("id")).isEqualTo("sign-in-username");
    focused.sendKeys(username, Keys.TAB);
    browser.switchTo().activeElement().sendKeys(password, Keys.ENTER);
  }

  /** Saves what the user sees, after checking that it fits the task pane without scrolling. */
  private void screenshot(String state) {
    Object width = browser.executeScript("return document.documentElement.scrollWidth;");
    assertThat(((Number) width).intValue()).as("page width").isLessThanOrEqualTo(TASK_PANE_WIDTH);
    saveScreenshot(state);
  }

  private void saveScreenshot(String state) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.copy(
          browser.getScreenshotAs(OutputType.FILE).toPath(),
          SCREENSHOTS.resolve(state + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- Tests ----

  @Test
  void firstTimeUserSignsInOnceAndSeesTheirAccount() {
    String alice = Seed.unique("alice");
    String password = Seed.account(http, alice, true);
    String token = newMailbox().signed();
    outlookHands(token);

    openTaskPane();
    assertThat(text("sign-in-title")).isEqualTo("Link your mailbox");
    screenshot("sign-in");
    signInWithKeyboard(alice, password);

    assertThat(text("display-name")).isEqualTo("Seeded " + alice);
    assertThat(text("username")).isEqualTo(alice);
    assertThat(text("notice")).isEqualTo("This mailbox is now linked to your account.");
    assertThat(shown("sign-in")).isFalse();
    screenshot("linked-after-sign-in");
    assertThat(sessionCode(token)).isEqualTo("linked");
  }

  @Test
  void returningUserIsRecognisedWithoutSigningIn() {
    String bob = Seed.unique("bob");
    String password = Seed.account(http, bob, true);
    String token = newMailbox().signed();
    linkedOverHttp(token, bob, password);
    outlookHands(token);

    openTaskPane();

    assertThat(text("display-name")).isEqualTo("Seeded " + bob);
    assertThat(text("username")).isEqualTo(bob);
    assertThat(text("linked-since")).startsWith("Linked since ");
    assertThat(shown("notice")).isFalse();
    assertThat(shown("sign-in")).isFalse();
    screenshot("linked");
  }

  @Test
  void showsTheTokensClaimsIncludingTheAudience() {
    FakeExchange.Token mailbox = newMailbox();
    outlookHands(mailbox.signed());

    openTaskPane();
    visible("sign-in");
    visible("claims").findElement(By.tagName("summary")).click();

    assertThat(text("claim-aud")).isEqualTo(FakeExchange.AUDIENCE);
    assertThat(text("claim-uniqueID")).isEqualTo(mailbox.uniqueId());
    assertThat(text("claim-msexchuid")).isEqualTo(mailbox.msexchuid());
    assertThat(text("claim-iss")).startsWith(FakeExchange.EXCHANGE_UID_PREFIX);
    assertThat(text("claim-exp")).endsWith("Z");
    screenshot("claims");
  }

  @Test
  void wrongPasswordIsExplainedAndTheFormStays() {
    String carol = Seed.unique("carol");
    Seed.account(http, carol, true);
    String token = newMailbox().signed();
    outlookHands(token);

    openTaskPane();
    visible("sign-in");
    signInWithKeyboard(carol, ServerOutput.secret("not-the-password-" + UUID.randomUUID()));

    assertThat(text("sign-in-error")).isEqualTo("The username or password is not correct.");
    assertThat(browser.findElement(By.id("sign-in-password")).getAttribute("value")).isEmpty();
    assertThat(browser.findElement(By.id("sign-in-username")).getAttribute("value"))
        .isEqualTo(carol);
    screenshot("wrong-password");
    assertThat(sessionCode(token)).isEqualTo("link_required");
  }

  @Test
  void lockOutSaysHowLongToWait() {
    String dan = Seed.unique("dan");
    String password = Seed.account(http, dan, true);
    outlookHands(newMailbox().signed());

    openTaskPane();
    visible("sign-in");
    browser.findElement(By.id("sign-in-username")).sendKeys(dan);
    // pom.xml configures the server under test: three failures lock a username for 4 seconds.
    for (int i = 0; i < 3; i++) {
      browser
          .findElement(By.id("sign-in-password"))
          .sendKeys(ServerOutput.secret("wrong-" + UUID.randomUUID()), Keys.ENTER);
      new WebDriverWait(browser, PATIENCE)
          .until(ExpectedConditions.elementToBeClickable(By.id("sign-in-submit")));
    }
    browser.findElement(By.id("sign-in-password")).sendKeys(password, Keys.ENTER);

    new WebDriverWait(browser, PATIENCE)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("sign-in-error"), "Too many failed sign-in attempts."));
    assertThat(text("sign-in-error")).matches(".* You can sign in again in [1-4] seconds?\\.");
    screenshot("too-many-attempts");
  }

  @Test
  void disabledAccountIsExplained() {
    String erin = Seed.unique("erin");
    String password = Seed.account(http, erin, false);
    outlookHands(newMailbox().signed());

    openTaskPane();
    visible("sign-in");
    signInWithKeyboard(erin, password);

    assertThat(text("sign-in-error"))
        .isEqualTo("This account is disabled. Ask an administrator to enable it.");
  }

  @Test
  void tokenForAnotherAddInIsRefusedWithItsReason() {
    outlookHands(newMailbox().audience("https://other.example/addin/taskpane.html").signed());

    openTaskPane();

    assertThat(text("problem-title")).isEqualTo("Your identity could not be verified");
    assertThat(text("problem-detail"))
        .isEqualTo(
            "The server refused the identity token that Exchange issued: "
                + "The token was issued for another add-in (aud).");
    assertThat(shown("sign-in")).isFalse();
    screenshot("invalid-token");
  }

  @Test
  void exchangeThatIssuesNoIdentityTokensIsNamed() {
    outlookFailsWith("GenericTokenError", 9018, "An internal error has occurred.");

    openTaskPane();

    assertThat(text("problem-title")).isEqualTo("Exchange issued no identity token");
    assertThat(text("problem-detail"))
        .contains("did not give Outlook an identity token")
        .contains("GenericTokenError, code 9018")
        .contains("Exchange Online no longer issues these tokens");
    assertThat(visible("retry").getText()).isEqualTo("Try again");
    screenshot("generic-token-error");
  }

  @Test
  void userUnlinksTheirMailbox() {
    String frank = Seed.unique("frank");
    String password = Seed.account(http, frank, true);
    String token = newMailbox().signed();
    linkedOverHttp(token, frank, password);
    outlookHands(token);

    openTaskPane();
    visible("unlink").click();

    assertThat(text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(text("notice"))
        .isEqualTo("This mailbox is no longer linked to " + frank + ". Sign in to link it again.");
    assertThat(shown("linked")).isFalse();
    screenshot("unlinked");
    assertThat(sessionCode(token)).isEqualTo("link_required");
  }

  @Test
  void openedOutsideOutlookSaysSo() {
    noOfficeHost();

    openTaskPane();

    assertThat(text("problem-title")).isEqualTo("Open this add-in in Outlook");
    assertThat(text("problem-detail")).contains("was opened outside Outlook");
    assertThat(shown("retry")).isFalse();
    screenshot("outside-outlook");
  }

  @Test
  void sandboxFlowWorksOutsideOutlook() {
    String grace = Seed.unique("grace");
    String password = Seed.account(http, grace, true);
    String mailbox = Seed.unique("alice");
    noOfficeHost();

    openTaskPane();
    assertThat(text("problem-title")).isEqualTo("Open this add-in in Outlook");
    assertThat(shown("sandbox-banner")).isFalse();
    WebElement name = visible("sandbox-mailbox");
    assertThat(name.getAttribute("value")).isEqualTo("alice");
    assertThat(text("sandbox-start")).isEqualTo("Try with a sandbox mailbox");
    screenshot("sandbox-offer");
    name.clear();
    name.sendKeys(mailbox, Keys.ENTER);

    assertThat(text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(text("sandbox-banner")).startsWith("Sandbox: tokens here are not from Exchange.");
    signInWithKeyboard(grace, password);

    assertThat(text("display-name")).isEqualTo("Seeded " + grace);
    assertThat(text("username")).isEqualTo(grace);
    assertThat(text("notice")).isEqualTo("This mailbox is now linked to your account.");
    assertThat(shown("sandbox-banner")).isTrue();
    screenshot("sandbox-linked");
    String token = sandboxToken(mailbox);
    assertThat(sessionCode(token)).isEqualTo("linked");

    visible("unlink").click();
    assertThat(text("notice"))
        .isEqualTo("This mailbox is no longer linked to " + grace + ". Sign in to link it again.");
    assertThat(shown("sandbox-banner")).isTrue();
    assertThat(sessionCode(token)).isEqualTo("link_required");
  }

  @Test
  void documentedSamplePageShowsTheClaims() {
    FakeExchange.Token mailbox = newMailbox();
    outlookHands(mailbox.signed());

    browser.get(http.request(SAMPLE_PAGE).build().uri().toString());

    new WebDriverWait(browser, PATIENCE)
        .until(driver -> !value("uniqueID").isEmpty() || !"None".equals(value("error")));
    assertThat(value("error")).isEqualTo("None");
    assertThat(value("uniqueID")).isEqualTo(mailbox.uniqueId()).hasSize(43);
    assertThat(value("msexchuid")).isEqualTo(mailbox.msexchuid());
    assertThat(value("amurl")).isEqualTo(FakeExchange.get().url(GOOD));
    assertThat(value("iss")).isEqualTo("00000002-0000-0ff1-ce00-000000000000@contoso.test");
    assertThat(value("x5t")).isEqualTo(FakeExchange.x5t(KEY));
    assertThat(value("nbf")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(value("exp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    // The published script never fills the audience.
    assertThat(value("aud")).isEmpty();
    saveScreenshot("documented-sample");
  }

  @Test
  void officeJsThatCannotLoadIsNamed() {
    officeJs = new HttpResponse().setStatus(404);

    openTaskPane();

    assertThat(text("problem-title")).isEqualTo("Open this add-in in Outlook");
    assertThat(text("problem-detail")).contains("Office.js").contains("could not be loaded");
  }

  @Test
  void officeThatNeverAnswersDoesNotLeaveThePageHanging() {
    officeNeverReady();

    openTaskPane();
    assertThat(text("connecting-text")).isEqualTo("Connecting to Outlook…");

    assertThat(text("problem-title")).isEqualTo("Open this add-in in Outlook");
    assertThat(shown("connecting")).isFalse();
  }

  // ---- Microsoft 365 mailboxes: nested app authentication ----

  @Test
  void microsoft365UserSignsInThroughNestedAppAuthentication() {
    String nina = Seed.unique("nina");
    String password = Seed.account(http, nina, true);
    FakeEntra.Token user = FakeEntra.token();
    String token = user.signed();
    // Were the Exchange path taken, the page would show this failure instead.
    officeJs(
        standIn(
            "'Outlook'",
            "{status: 'failed', value: null, error: {name: 'GenericTokenError', code: 9017,"
                + " message: 'An internal error has occurred.'}}",
            true));
    msal("{accessToken: " + Http.quote(token) + "}", true);

    openTaskPane();
    assertThat(text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(text("token-path"))
        .isEqualTo("Signed in with Microsoft 365 (nested app authentication).");
    signInWithKeyboard(nina, password);

    assertThat(text("username")).isEqualTo(nina);
    assertThat(msalCalls())
        .containsExactly(
            "create " + FakeEntra.CLIENT_ID + " https://login.microsoftonline.com/common",
            "silent " + ENTRA_SCOPE,
            "popup " + ENTRA_SCOPE);
    visible("claims").findElement(By.tagName("summary")).click();
    assertThat(text("claim-kind")).isEqualTo("entra");
    assertThat(text("claim-tid")).isEqualTo(FakeEntra.TENANT);
    assertThat(text("claim-uniqueID")).isEqualTo(user.uniqueId());
    screenshot("entra-linked");
    assertThat(sessionCode(token)).isEqualTo("linked");
  }

  @Test
  void outlookWithoutNestedAppAuthenticationFallsBackToTheExchangeToken() {
    outlookHands(newMailbox().signed());
    msal("{accessToken: 'never-used'}", false);

    openTaskPane();

    assertThat(text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(text("token-path")).isEqualTo("Identified by an Exchange identity token.");
    assertThat(msalCalls()).isEmpty();
  }

  @Test
  void failedMicrosoft365SignInAndNoExchangeTokenAreBothExplained() {
    officeJs(
        standIn(
            "'Outlook'",
            "{status: 'failed', value: null, error: {name: 'GenericTokenError', code: 9017,"
                + " message: 'An internal error has occurred.'}}",
            true));
    msal("{errorCode: 'invalid_client', name: 'ServerError'}", false);

    openTaskPane();

    assertThat(text("problem-title"))
        .isEqualTo("Neither Microsoft 365 nor Exchange could identify you");
    assertThat(text("problem-detail"))
        .contains("Microsoft 365 sign-in failed (invalid_client)")
        .contains("app registration")
        .contains("GenericTokenError, code 9017");
    assertThat(visible("retry").getText()).isEqualTo("Try again");
    screenshot("entra-and-exchange-failed");
  }

  @Test
  void closingTheSignInWindowCanBeTriedAgain() {
    officeJs(standIn("'Outlook'", "null", true));
    msal("{errorCode: 'user_cancelled', name: 'BrowserAuthError'}", true);

    openTaskPane();

    assertThat(text("problem-title")).isEqualTo("You closed the sign-in window");
    assertThat(text("problem-detail")).contains("Choose Try again");
    assertThat(visible("retry").isDisplayed()).isTrue();
  }

  @Test
  void sandboxTenantFlowWorksOutsideOutlook() {
    String olga = Seed.unique("olga");
    String password = Seed.account(http, olga, true);
    noOfficeHost();

    openTaskPane();
    visible("sandbox-kinds");
    browser.findElement(By.cssSelector("#sandbox-kinds input[value='entra']")).click();
    WebElement name = visible("sandbox-mailbox");
    name.clear();
    name.sendKeys(Seed.unique("olga"), Keys.ENTER);

    assertThat(text("sign-in-title")).isEqualTo("Link your mailbox");
    assertThat(text("token-path"))
        .isEqualTo("Sandbox: an Entra ID access token from the sandbox tenant.");
    signInWithKeyboard(olga, password);

    assertThat(text("username")).isEqualTo(olga);
    visible("claims").findElement(By.tagName("summary")).click();
    assertThat(text("claim-kind")).isEqualTo("entra");
    assertThat(text("claim-tid")).isEqualTo(FakeEntra.SANDBOX_TENANT);
    screenshot("sandbox-entra-linked");
  }
}
