package dev.identitybridge.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium on the admin pages, with a fresh profile. Tests that use it are skipped, and
 * say so, where the browser is not installed ({@code apt-get install chromium chromium-driver}).
 */
public final class AdminBrowser implements AutoCloseable {

  static final String ADMIN_PASSWORD = "integration-test-admin-password";

  private final String base;
  private final Path profile;
  private final ChromeDriver driver;

  public AdminBrowser(URL base) {
    assumeTrue(
        Chromium.installed(),
        "Browser tests skipped: install chromium and chromium-driver (/usr/bin/chromium,"
            + " /usr/bin/chromedriver)");
    String root = base.toString();
    this.base = root.endsWith("/") ? root : root + "/";
    try {
      profile = Files.createTempDirectory("admin-browser");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = Chromium.options(profile, "1400,1000");
    ChromeDriverService service = Chromium.driverService();
    driver = new ChromeDriver(service, options);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens a path below the WAR's root, e.g. {@code admin/links.xhtml}. */
  public AdminBrowser open(String path) {
    driver.get(base + path);
    return this;
  }

  public String path() {
    return driver.getCurrentUrl().substring(base.length());
  }

  public AdminBrowser signIn(String username, String password) {
    open("admin/login.xhtml");
    return submitLogin(username, password);
  }

  /** Fills in and sends the login form of the page that is open. */
  public AdminBrowser submitLogin(String username, String password) {
    type("login:username", username);
    type("login:password", password);
    return press("login:submit");
  }

  public AdminBrowser signInAsAdmin() {
    return signIn("admin", ADMIN_PASSWORD);
  }

  public AdminBrowser type(String id, String text) {
    WebElement input = driver.findElement(By.id(id));
    input.clear();
    input.sendKeys(text);
    return this;
  }

  /** Clicks a button and waits until the next page has replaced this one. */
  public AdminBrowser press(String id) {
    return press(driver.findElement(By.id(id)));
  }

  public AdminBrowser press(WebElement button) {
    WebElement page = driver.findElement(By.tagName("html"));
    button.click();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.until(d -> isGone(page));
    wait.until(
        d ->
            "complete"
                .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    return this;
  }

  /**
   * Whether the element belongs to a page that was replaced. Chromium reports that as a stale
   * reference or, while the next page loads, as a node that "does not belong to the document".
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (WebDriverException e) {
      return true;
    }
  }

  /** The button with this label in the table row that has a cell with exactly this text. */
  public WebElement rowButton(String cellText, String label) {
    return driver.findElement(
        By.xpath(
            "//tr[td[normalize-space()="
                + xpathLiteral(cellText)
                + "]]//input[@type='submit' and @value="
                + xpathLiteral(label)
                + "]"));
  }

  public String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /** The text of the page's section (a card) whose heading contains this text. */
  public String section(String heading) {
    return driver
        .findElement(
            By.xpath("//section[h2[contains(normalize-space(), " + xpathLiteral(heading) + ")]]"))
        .getText();
  }

  public String bodyText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** The global messages at the top of the page. */
  public String messages() {
    return driver.findElements(By.id("messages")).stream()
        .map(WebElement::getText)
        .findFirst()
        .orElse("");
  }

  public String sessionId() {
    Cookie cookie = driver.manage().getCookieNamed("JSESSIONID");
    return cookie == null ? null : cookie.getValue();
  }

  /**
   * Every cookie the browser would send, as a Cookie header: the session id and whatever else the
   * server keeps its session by (Payara's replicated sessions add {@code JSESSIONIDVERSION}).
   */
  public String cookies() {
    return driver.manage().getCookies().stream()
        .map(cookie -> cookie.getName() + "=" + cookie.getValue())
        .collect(java.util.stream.Collectors.joining("; "));
  }

  /** Saves what the browser shows as target/screenshots/NAME.png. */
  public void screenshot(String name) {
    try {
      Path target = Path.of("target", "screenshots", name + ".png");
      Files.createDirectories(target.getParent());
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          target,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String xpathLiteral(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  @Override
  public void close() {
    driver.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary profile is harmless.
    }
  }
}
