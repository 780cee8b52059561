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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
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
 * The add-in's task pane in a headless Chromium as narrow as Outlook's narrowest task pane, and
 * Outlook around it. Outlook is played by a stand-in for Office.js that the browser receives
 * instead of Microsoft's CDN script (intercepted through the DevTools protocol, so the shipped page
 * stays untouched); the test says what it does: hand the page a token, fail, or not be there.
 *
 * <p>On Microsoft 365 mailboxes the page signs in through nested app authentication with MSAL.js,
 * which the WAR serves itself; the test can replace that file too, with a stand-in whose outcome it
 * chooses (a token, with or without a popup, or an error) and which records how the page called it.
 *
 * <p>The same interception serves the libraries that Microsoft's documented sample add-in page
 * loads from its own {@code ../Scripts} and {@code ../Content} folders: the same Office.js
 * stand-in, a jQuery stand-in with just {@code $(document).ready}, and empty stylesheets.
 *
 * <p>One browser serves a test class; {@link #reset} before each test. Where Chromium is not
 * installed, the constructor skips the test class and says so.
 */
final class TaskPane implements AutoCloseable {

  static final String OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
  static final int WIDTH = 320;
  static final Duration PATIENCE = Duration.ofSeconds(20);

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

  private final Path profile;
  private final ChromeDriver browser;
  private final NetworkInterceptor cdn;
  private final List<String> scriptErrors = new CopyOnWriteArrayList<>();
  private String base;

  /** What the browser receives when the page asks Microsoft's CDN for Office.js. */
  private volatile HttpResponse officeJs;

  /** What the browser receives instead of the WAR's MSAL.js, or null for the real one. */
  private volatile HttpResponse msalJs;

  TaskPane() {
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
    try {
      profile = Files.createTempDirectory("taskpane-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = Chromium.options(profile, "360,800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(Chromium.driverService(), options);
    // Chromium keeps desktop windows at least 500 px wide; the task pane is as narrow as 320 px.
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", WIDTH, "height", 800, "deviceScaleFactor", 1, "mobile", false));
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

  /**
   * A blank page, no errors so far, Office.js that cannot be loaded until the test says what
   * Outlook does, and the WAR's own MSAL.js; pages open below {@code base}.
   */
  void reset(URL base) {
    String root = base.toString();
    this.base = root.endsWith("/") ? root : root + "/";
    browser.get("about:blank");
    browser.manage().logs().get(LogType.BROWSER);
    scriptErrors.clear();
    officeJsCannotLoad();
    msalJs = null;
  }

  /** The JavaScript errors on the page since {@link #reset}. */
  List<String> scriptErrors() {
    return List.copyOf(scriptErrors);
  }

  /**
   * The errors in the browser console since {@link #reset}, but those {@link #isExpectedRefusal}.
   */
  List<String> consoleErrors() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !isExpectedRefusal(message))
        .toList();
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

  // ---- What Outlook does, played by the stand-in for Office.js ----

  void outlookHands(String token) {
    officeJs(
        standIn(
            "'Outlook'", "{status: 'succeeded', value: " + Http.quote(token) + ", error: null}"));
  }

  void outlookFailsWith(String name, int code, String message) {
    officeJs(
        standIn(
            "'Outlook'",
            "{status: 'failed', value: null, error: {name: %s, code: %d, message: %s}}"
                .formatted(Http.quote(name), code, Http.quote(message))));
  }

  /**
   * Outlook that supports nested app authentication (requirement set NestedAppAuth 1.1), and whose
   * Exchange identity token, should the page fall back to it, fails as given.
   */
  void outlookWithNestedAppAuthenticationFailsWith(String name, int code, String message) {
    officeJs(
        standIn(
            "'Outlook'",
            "{status: 'failed', value: null, error: {name: %s, code: %d, message: %s}}"
                .formatted(Http.quote(name), code, Http.quote(message)),
            true));
  }

  /**
   * Outlook that supports nested app authentication, and whose Exchange identity token, should the
   * page fall back to it, is this one: an on-premises mailbox in an Outlook that has both.
   */
  void outlookWithNestedAppAuthenticationHands(String token) {
    officeJs(
        standIn(
            "'Outlook'",
            "{status: 'succeeded', value: " + Http.quote(token) + ", error: null}",
            true));
  }

  /**
   * Outlook that has neither nested app authentication nor {@code getUserIdentityTokenAsync}: no
   * way at all to tell the add-in who the user is.
   */
  void outlookWithoutAnyWayToIdentifyTheUser() {
    officeJs(standIn("'Outlook'", "null", false, false));
  }

  /**
   * Outlook that supports nested app authentication and is never expected to be asked for an
   * Exchange identity token: if the page asks, the stand-in fails with a script error.
   */
  void outlookWithNestedAppAuthentication() {
    officeJs(standIn("'Outlook'", "null", true));
  }

  /** Office.js as it behaves in a browser tab of its own: ready, but with no Office host. */
  void noOfficeHost() {
    officeJs(standIn("null", "null"));
  }

  /** Office.js that never says whether it runs in an Office application. */
  void officeNeverReady() {
    officeJs(
        """
        window.Office = {
          context: {},
          onReady: function () { return new Promise(function () {}); }
        };
        """);
  }

  /** Microsoft's CDN answers 404 for Office.js. */
  void officeJsCannotLoad() {
    officeJs = new HttpResponse().setStatus(404);
  }

  private void officeJs(String source) {
    officeJs = file("text/javascript", source);
  }

  private static String standIn(String host, String tokenResult) {
    return standIn(host, tokenResult, false);
  }

  /** Outlook with nested app authentication (requirement set NestedAppAuth 1.1), or without. */
  private static String standIn(String host, String tokenResult, boolean naa) {
    return standIn(host, tokenResult, naa, true);
  }

  /**
   * Outlook with nested app authentication or without, and with Exchange identity tokens ({@code
   * getUserIdentityTokenAsync}, answering {@code tokenResult}) or without.
   */
  private static String standIn(
      String host, String tokenResult, boolean naa, boolean identityTokens) {
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
          if (!%s) {
            delete mailbox.getUserIdentityTokenAsync;
          }
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
        .formatted(host, tokenResult, identityTokens, naa);
  }

  // ---- What Microsoft 365 does, played by the stand-in for MSAL.js ----

  /** The silent request needs interaction; the popup then hands the page this access token. */
  void msalHandsAfterPopup(String accessToken) {
    msal("{accessToken: " + Http.quote(accessToken) + "}", true);
  }

  /** The silent request hands the page this access token, no popup needed. */
  void msalHandsSilently(String accessToken) {
    msal("{accessToken: " + Http.quote(accessToken) + "}", false);
  }

  /** The silent request fails with this error, which needs no interaction. */
  void msalFailsSilentlyWith(String errorCode, String name) {
    msal("{errorCode: %s, name: %s}".formatted(Http.quote(errorCode), Http.quote(name)), false);
  }

  /** The silent request needs interaction, and the popup then fails with this error. */
  void msalPopupFailsWith(String errorCode, String name) {
    msal("{errorCode: %s, name: %s}".formatted(Http.quote(errorCode), Http.quote(name)), true);
  }

  /**
   * MSAL.js as nested app authentication behaves in Outlook: the silent request needs interaction
   * when told so, and the popup (or the silent request) ends in the outcome given, a result with an
   * {@code accessToken} or an error with an {@code errorCode}. Calls are kept in {@code
   * window.msalCalls}.
   */
  private void msal(String outcome, boolean silentNeedsInteraction) {
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

  /**
   * How the page called the MSAL.js stand-in, in order: {@code create CLIENT_ID AUTHORITY}, {@code
   * silent SCOPES}, {@code popup SCOPES}; empty if it never did.
   */
  @SuppressWarnings("unchecked")
  List<String> msalCalls() {
    Object calls = browser.executeScript("return window.msalCalls || [];");
    return List.copyOf((List<String>) calls);
  }

  /** What the browser receives instead of a script or stylesheet from elsewhere, or null. */
  private HttpResponse standIn(String uri) {
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

  private static HttpResponse file(String contentType, String content) {
    return new HttpResponse()
        .setStatus(200)
        .addHeader("Content-Type", contentType + "; charset=utf-8")
        .setContent(Contents.utf8String(content));
  }

  // ---- The page ----

  /** Opens the task pane, as Outlook does when the user opens the add-in. */
  void open() {
    open("addin/taskpane.html");
  }

  /** Opens a page below the WAR's root. */
  void open(String path) {
    browser.get(base + path);
  }

  WebElement visible(String id) {
    return new WebDriverWait(browser, PATIENCE)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  String text(String id) {
    return visible(id).getText();
  }

  /** The value of a form field, visible or not. */
  String value(String id) {
    return field(id).getAttribute("value");
  }

  boolean shown(String id) {
    return field(id).isDisplayed();
  }

  WebElement field(String id) {
    return browser.findElement(By.id(id));
  }

  /** Chooses which kind of token the sandbox issues: {@code exchange} or {@code entra}. */
  void chooseSandboxKind(String kind) {
    browser.findElement(By.cssSelector("#sandbox-kinds input[value='" + kind + "']")).click();
  }

  /** Types into the focused field, as a keyboard user would: Tab to the next one, Enter to send. */
  void signInWithKeyboard(String username, String password) {
    WebElement focused = browser.switchTo().activeElement();
    assertThat(focused.getAttribute("id")).isEqualTo("sign-in-username");
    focused.sendKeys(username, Keys.TAB);
    browser.switchTo().activeElement().sendKeys(password, Keys.ENTER);
  }

  void waitUntilClickable(String id) {
    new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.elementToBeClickable(By.id(id)));
  }

  void waitForText(String id, String text) {
    new WebDriverWait(browser, PATIENCE)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
  }

  void waitUntil(BooleanSupplier condition) {
    new WebDriverWait(browser, PATIENCE).until(driver -> condition.getAsBoolean());
  }

  /** Saves what the user sees, after checking that it fits the task pane without scrolling. */
  void screenshot(String state) {
    Object width = browser.executeScript("return document.documentElement.scrollWidth;");
    assertThat(((Number) width).intValue()).as("page width").isLessThanOrEqualTo(WIDTH);
    saveScreenshot(state);
  }

  /** Saves what the browser shows as target/screenshots/STATE.png. */
  void saveScreenshot(String state) {
    try {
      Path target = Path.of("target", "screenshots", state + ".png");
      Files.createDirectories(target.getParent());
      Files.copy(
          browser.getScreenshotAs(OutputType.FILE).toPath(),
          target,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    cdn.close();
    browser.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // A leftover temporary profile is harmless.
    }
  }
}
