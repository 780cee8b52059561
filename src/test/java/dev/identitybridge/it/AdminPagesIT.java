package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import okhttp3.tls.HeldCertificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * An administrator manages accounts, identity links and the key sources in a real browser; the
 * mailboxes are linked through the add-in's API with tokens from the test's own Exchange.
 */
@Tag("browser")
@Tag("database-neutral")
class AdminPagesIT extends ServerIntegration {

  static final String GOOD = "/good/autodiscover/metadata/json/1";
  static final HeldCertificate KEY = FakeExchange.newSigningCertificate();

  /** How the key sources page heads the configured Entra JWKS (pom.xml). */
  static final String ENTRA_JWKS = "Entra ID signing keys (JWKS)";

  @Deployment(testable = false)
  static WebArchive deployment() {
    FakeExchange.get().publish(GOOD, KEY);
    FakeEntra.publish();
    return Deployments.withSeeding();
  }

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

  /** Links a new mailbox to the account through the add-in's API; returns the mailbox's token. */
  private FakeExchange.Token linkNewMailbox(String username, String password) {
    FakeExchange.Token mailbox = FakeExchange.token(FakeExchange.get().url(GOOD), KEY);
    Http.Reply linked = Seed.link(http, mailbox.signed(), username, password);
    assertThat(linked.status()).isEqualTo(201);
    return mailbox;
  }

  private Http.Reply session(FakeExchange.Token mailbox) {
    return http.postWithToken("api/session", mailbox.signed(), "");
  }

  private void createAccountInBrowser(String username, String password) {
    browser.open("admin/accounts.xhtml");
    browser.type("create:username", username);
    browser.type("create:displayName", "Created by the admin");
    browser.type("create:password", password);
    browser.press("create:save");
  }

  @Test
  void everythingAnAdminSessionHoldsCanBeCopiedToAnotherInstance() {
    String username = Seed.unique("sven");
    Seed.account(http, username, true);
    browser.signInAsAdmin();
    for (String page :
        List.of(
            "admin/dashboard.xhtml",
            "admin/links.xhtml",
            "admin/keys.xhtml",
            "admin/audit.xhtml",
            "admin/check.xhtml",
            "admin/accounts.xhtml")) {
      browser.open(page);
    }
    browser.press(browser.rowButton(username, "Edit"));

    Http.Reply session =
        http.send(http.request("it-seed/session").header("Cookie", browser.cookies()).build());

    assertThat(session.status()).isEqualTo(200);
    assertThat(session.body()).as("session attributes that do not serialise").isEmpty();
  }

  @Test
  void createsAnAccountThatCanLinkAMailboxAndIsAudited() {
    String username = Seed.unique("carla");
    String password = ServerOutput.secret("pw-" + UUID.randomUUID());
    browser.signInAsAdmin();

    createAccountInBrowser(username, password);

    assertThat(browser.path()).startsWith("admin/accounts.xhtml");
    assertThat(browser.messages()).contains("Created the account " + username + ".");
    assertThat(browser.rowButton(username, "Disable").isDisplayed()).isTrue();
    assertThat(browser.driver().getPageSource()).doesNotContain("PBKDF2");
    browser.screenshot("accounts");
    linkNewMailbox(username, password);

    browser.open("admin/audit.xhtml?actor=admin&action=ACCOUNT_CREATED");
    assertThat(browser.text("table")).contains("account:" + username);
    browser.open("admin/audit.xhtml");
    assertThat(browser.text("table")).contains("LINK_CREATED");
    browser.screenshot("audit");
  }

  @Test
  void refusesAWeakPasswordBesideItsField() {
    String username = Seed.unique("weak");
    browser.signInAsAdmin();

    createAccountInBrowser(username, "short");

    assertThat(browser.driver().findElement(By.id("create")).getText())
        .contains("at least 12 characters");
    assertThat(Seed.accounts(http, username)).isZero();
  }

  @Test
  void listsSearchesAndUnlinksAMailboxLinkedThroughTheApi() {
    String username = Seed.unique("lena");
    FakeExchange.Token mailbox = linkNewMailbox(username, Seed.account(http, username, true));
    browser.signInAsAdmin();
    assertThat(browser.text("list:table")).contains(mailbox.uniqueId());

    browser.type("search:username", username).press("search:go");
    assertThat(browser.path()).contains("username=" + username);
    assertThat(browser.text("summary")).startsWith("1 link(s) match.");
    assertThat(browser.text("list:table"))
        .contains(username, mailbox.uniqueId(), "contoso.test", "EXCHANGE_IDENTITY");
    browser.open("admin/links.xhtml?uniqueId=" + mailbox.uniqueId().substring(0, 12));
    assertThat(browser.text("list:table")).contains(username);
    browser.open("admin/links.xhtml?realm=contoso.test&sort=USERNAME&desc=false");
    assertThat(browser.text("list:table")).contains(username);
    browser.open("admin/links.xhtml?realm=no-such-realm");
    assertThat(browser.text("empty")).isEqualTo("No identity link matches.");

    browser.open("admin/links.xhtml?username=" + username);
    browser.screenshot("links");
    browser.press(browser.rowButton(username, "Unlink…"));
    assertThat(browser.text("confirmation")).contains(mailbox.uniqueId(), username);
    browser.screenshot("links-confirm-unlink");
    browser.press("unlink:confirm");

    assertThat(browser.messages()).contains("Unlinked the mailbox " + mailbox.uniqueId());
    assertThat(browser.text("summary")).startsWith("0 link(s) match.");
    assertThat(session(mailbox).json().getString("code")).isEqualTo("link_required");
    browser.open("admin/audit.xhtml?actor=admin&action=LINK_REMOVED");
    assertThat(browser.text("table")).contains("link:" + mailbox.uniqueId());
  }

  @Test
  void disablingAnAccountRefusesItsLinkedMailbox() {
    String username = Seed.unique("dora");
    FakeExchange.Token mailbox = linkNewMailbox(username, Seed.account(http, username, true));
    assertThat(session(mailbox).status()).isEqualTo(200);
    browser.signInAsAdmin().open("admin/accounts.xhtml");

    browser.press(browser.rowButton(username, "Disable"));

    assertThat(browser.messages()).contains("Disabled the account " + username + ".");
    assertThat(browser.rowButton(username, "Enable").isDisplayed()).isTrue();
    Http.Reply refused = session(mailbox);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().getString("code")).isEqualTo("link_required");
  }

  @Test
  void editsRolesAndSetsANewPassword() {
    String username = Seed.unique("emil");
    String oldPassword = Seed.account(http, username, true);
    String newPassword = ServerOutput.secret("new-pw-" + UUID.randomUUID());
    browser.signInAsAdmin().open("admin/accounts.xhtml");

    browser.press(browser.rowButton(username, "Edit"));
    browser.type("edit:displayName", "Emil the Admin");
    browser
        .driver()
        .findElement(By.xpath("//form[@id='edit']//label[normalize-space()='admin']"))
        .click();
    browser.screenshot("accounts-edit");
    browser.press("edit:save");
    assertThat(browser.messages()).contains("Saved the account " + username + ".");
    assertThat(browser.text("accounts:table")).contains("Emil the Admin", "admin, user");

    browser.press(browser.rowButton(username, "Edit"));
    browser.type("reset:password", newPassword).press("reset:set");
    assertThat(browser.messages()).contains("Set a new password for " + username + ".");

    AdminBrowser other = new AdminBrowser(base);
    try {
      other.signIn(username, oldPassword);
      assertThat(other.path()).startsWith("admin/login.xhtml");
      other.signIn(username, newPassword);
      assertThat(other.path()).startsWith("admin/links.xhtml");
    } finally {
      other.close();
    }
  }

  @Test
  void resettingAPasswordUnlinksTheAccountsMailboxes() {
    String username = Seed.unique("gina");
    FakeExchange.Token mailbox = linkNewMailbox(username, Seed.account(http, username, true));
    browser.signInAsAdmin().open("admin/accounts.xhtml");

    browser.press(browser.rowButton(username, "Edit"));
    assertThat(browser.driver().findElement(By.id("reset:unlink")).isSelected())
        .as("unlinking is offered, ticked")
        .isTrue();
    browser.type("reset:password", ServerOutput.secret("new-pw-" + UUID.randomUUID()));
    browser.press("reset:set");

    assertThat(browser.messages())
        .contains("Set a new password for " + username + ". Its mailboxes are unlinked.");
    assertThat(session(mailbox).json().getString("code")).isEqualTo("link_required");
    browser.open("admin/audit.xhtml?action=PASSWORD_RESET");
    assertThat(browser.text("table")).contains("account:" + username, mailbox.uniqueId());
  }

  /** An administrator signed in in a browser of their own, with the accounts page open. */
  private AdminBrowser signedInElsewhere(String username, String password) {
    AdminBrowser other = new AdminBrowser(base);
    other.signIn(username, password).open("admin/accounts.xhtml");
    assertThat(other.path()).startsWith("admin/accounts.xhtml");
    return other;
  }

  private AdminBrowser otherAdminOnTheAccountsPage(String username) {
    return signedInElsewhere(username, Seed.admin(http, username));
  }

  /** The other admin's next request, creating an administrator, is refused and creates nothing. */
  private void assertNextRequestIsRefused(AdminBrowser other) {
    String created = Seed.unique("created-by-former-admin");
    other.type("create:username", created);
    other.type("create:displayName", "Should not exist");
    other.type("create:password", ServerOutput.secret("pw-" + UUID.randomUUID()));
    other
        .driver()
        .findElement(By.xpath("//form[@id='create']//label[normalize-space()='admin']"))
        .click();
    other.press("create:save");

    assertThat(other.path()).startsWith("admin/login.xhtml");
    assertThat(other.messages()).contains("Your session has ended");
    assertThat(Seed.accounts(http, created)).isZero();
    other.open("admin/links.xhtml");
    assertThat(other.path()).startsWith("admin/login.xhtml");
  }

  @Test
  void aDeletedAdministratorsNextRequestIsRefused() {
    String username = Seed.unique("olga");
    try (AdminBrowser other = otherAdminOnTheAccountsPage(username)) {
      browser.signInAsAdmin().open("admin/accounts.xhtml");
      browser.press(browser.rowButton(username, "Delete…")).press("delete:confirm");
      assertThat(browser.messages()).contains("Deleted the account " + username);

      assertNextRequestIsRefused(other);
    }
    browser.open("admin/audit.xhtml?action=ADMIN_SESSION_ENDED");
    assertThat(browser.text("table")).contains("account:" + username, "deleted");
  }

  @Test
  void aDisabledAdministratorsNextRequestIsRefused() {
    String username = Seed.unique("otto");
    try (AdminBrowser other = otherAdminOnTheAccountsPage(username)) {
      browser.signInAsAdmin().open("admin/accounts.xhtml");
      browser.press(browser.rowButton(username, "Disable"));
      assertThat(browser.messages()).contains("Disabled the account " + username);

      assertNextRequestIsRefused(other);
    }
  }

  @Test
  void aDemotedAdministratorsNextRequestIsRefused() {
    String username = Seed.unique("oona");
    try (AdminBrowser other = otherAdminOnTheAccountsPage(username)) {
      browser.signInAsAdmin().open("admin/accounts.xhtml");
      browser.press(browser.rowButton(username, "Edit"));
      browser
          .driver()
          .findElement(By.xpath("//form[@id='edit']//label[normalize-space()='admin']"))
          .click();
      browser.press("edit:save");
      assertThat(browser.text("accounts:table")).contains(username);
      assertThat(browser.messages()).contains("Saved the account " + username);

      assertNextRequestIsRefused(other);
    }
  }

  @Test
  void aNewPasswordEndsTheAccountsOtherSessionsButNotTheOneThatSetIt() {
    String username = Seed.unique("petra");
    String password = Seed.admin(http, username);
    try (AdminBrowser elsewhere = signedInElsewhere(username, password)) {
      browser.signIn(username, password).open("admin/accounts.xhtml");
      browser.press(browser.rowButton(username, "Edit"));
      browser.type("reset:password", ServerOutput.secret("new-pw-" + UUID.randomUUID()));
      browser.press("reset:set");
      assertThat(browser.messages()).contains("Set a new password for " + username + ".");
      browser.open("admin/links.xhtml");
      assertThat(browser.path()).as("the session that set it").startsWith("admin/links.xhtml");

      assertNextRequestIsRefused(elsewhere);
    }
  }

  @Test
  void deletingAnAccountRemovesItsLinks() {
    String username = Seed.unique("fred");
    FakeExchange.Token mailbox = linkNewMailbox(username, Seed.account(http, username, true));
    browser.signInAsAdmin().open("admin/accounts.xhtml");

    browser.press(browser.rowButton(username, "Delete…"));
    assertThat(browser.text("confirmation")).contains(username);
    browser.press("delete:confirm");

    assertThat(browser.messages()).contains("Deleted the account " + username);
    assertThat(Seed.accounts(http, username)).isZero();
    assertThat(session(mailbox).json().getString("code")).isEqualTo("link_required");
    browser.open("admin/audit.xhtml?action=ACCOUNT_DELETED");
    assertThat(browser.text("table")).contains("account:" + username, "1 link(s) removed");
  }

  @Test
  void showsTheCertificateStoreAndRefreshesItOnDemand() {
    browser.signInAsAdmin().open("admin/keys.xhtml");
    assertThat(browser.bodyText())
        .contains(FakeExchange.get().url(GOOD), FakeExchange.x5t(KEY), "connection refused");
    assertThat(browser.section(ENTRA_JWKS))
        .contains(FakeEntra.JWKS_PATH, FakeEntra.SIGNER.kid(), "RSA 2048");
    HeldCertificate rotated = FakeExchange.newSigningCertificate();
    FakeExchange.get().publish(GOOD, KEY, rotated);
    FakeEntra.Key entraRotated = FakeEntra.newKey();
    FakeEntra.publish(FakeEntra.SIGNER, entraRotated);

    browser.press("refresh:now");

    assertThat(browser.messages()).contains("Fetched").contains("key source(s) again");
    assertThat(browser.bodyText()).contains(FakeExchange.x5t(rotated));
    assertThat(browser.section(ENTRA_JWKS)).contains(FakeEntra.SIGNER.kid(), entraRotated.kid());
    browser.screenshot("keys");
    browser.open("admin/audit.xhtml?actor=admin&action=METADATA_REFRESHED");
    assertThat(browser.text("table")).contains("key sources", "source(s)");
  }

  @Test
  void showsAMarkupUsernameAsText() {
    String username = "<script>alert(1)</script>" + UUID.randomUUID().toString().substring(0, 4);
    browser.signInAsAdmin();

    createAccountInBrowser(username, ServerOutput.secret("pw-" + UUID.randomUUID()));

    assertThatThrownBy(() -> browser.driver().switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
    assertThat(browser.text("accounts:table")).contains(username);
    assertThat(browser.driver().getPageSource()).contains("&lt;script&gt;alert(1)");
    browser.screenshot("accounts-markup-username");
    browser.open("admin/audit.xhtml");
    assertThat(browser.text("table")).contains("account:" + username);
  }

  @Test
  void aFormPostedWithoutAValidViewStateChangesNothing() {
    browser.signInAsAdmin().open("admin/accounts.xhtml");
    String session = browser.cookies();
    String forged = Seed.unique("forged");
    String noState = Seed.unique("nostate");

    Http.Reply withForgedState = postCreateForm(session, forged, "stolen-or-guessed");
    Http.Reply withoutState = postCreateForm(session, noState, null);

    assertThat(Seed.accounts(http, forged)).isZero();
    assertThat(Seed.accounts(http, noState)).isZero();
    assertThat(withForgedState.body()).contains("This page has expired").doesNotContain(forged);
    assertThat(withoutState.body()).doesNotContain("Created the account");
    browser.open("admin/accounts.xhtml");
    assertThat(browser.text("accounts:table")).doesNotContain(forged).doesNotContain(noState);
  }

  @Test
  void impossiblePagesAndOverLongSearchesGetMessagesNotErrors() {
    browser.signInAsAdmin();

    browser.open("admin/links.xhtml?page=2147483647");
    assertThat(browser.bodyText()).doesNotContain("Internal Server Error");
    assertThat(browser.messages()).contains("There is no page 2147483647; this is page");
    assertThat(browser.text("summary")).contains("link(s) match.");
    browser.open("admin/links.xhtml?page=99999999999999999999999");
    assertThat(browser.messages()).contains("There is no page 99999999999999999999…");
    browser.open("admin/audit.xhtml?page=-3");
    assertThat(browser.messages()).contains("There is no page -3; this is page 1");
    browser.open("admin/links.xhtml?username=" + "u".repeat(65));
    assertThat(browser.messages()).contains("The username has at most 64 characters.");
    browser.open("admin/links.xhtml?realm=" + "r".repeat(256));
    assertThat(browser.messages()).contains("The realm has at most 255 characters.");
    browser.open("admin/audit.xhtml?actor=" + "a".repeat(65));
    assertThat(browser.messages()).contains("The actor has at most 64 characters.");
    browser.screenshot("links-no-such-page");
  }

  /** Types into an input as a client that ignores its maxlength would. */
  private void typeIgnoringMaxlength(String id, String text) {
    WebElement input = browser.driver().findElement(By.id(id));
    browser.driver().executeScript("arguments[0].removeAttribute('maxlength')", input);
    browser.type(id, text);
  }

  @Test
  void refusesOverLongAndBlankAccountFieldsBesideTheField() {
    browser.signInAsAdmin().open("admin/accounts.xhtml");
    String password = ServerOutput.secret("pw-" + UUID.randomUUID());

    browser.type("create:username", "   ").type("create:displayName", "Blank name");
    browser.type("create:password", password).press("create:save");
    assertThat(browser.bodyText()).doesNotContain("Internal Server Error");
    assertThat(browser.text("create")).contains("Enter a username.");

    typeIgnoringMaxlength("create:username", "n".repeat(65));
    browser.type("create:displayName", "Long name").type("create:password", password);
    browser.press("create:save");
    assertThat(browser.text("create")).contains("A username has at most 64 characters.");

    String username = Seed.unique("blank-display");
    browser.type("create:username", username).type("create:displayName", "   ");
    browser.type("create:password", password).press("create:save");
    assertThat(browser.text("create")).contains("Enter a display name.");
    assertThat(Seed.accounts(http, username)).isZero();

    typeIgnoringMaxlength("create:displayName", "d".repeat(129));
    browser.type("create:username", username).type("create:password", password);
    browser.press("create:save");
    assertThat(browser.text("create")).contains("A display name has at most 128 characters.");
    assertThat(Seed.accounts(http, username)).isZero();

    typeIgnoringMaxlength("create:password", "p".repeat(1025));
    browser.type("create:username", username).type("create:displayName", "Long password");
    browser.press("create:save");
    assertThat(browser.text("create")).contains("at most 1024 characters");
    assertThat(browser.bodyText()).doesNotContain("Internal Server Error");
  }

  /** The Faces view state of a form that the browser shows. */
  private String viewStateOf(String form) {
    return browser
        .driver()
        .findElement(By.xpath("//form[@id='" + form + "']//input[@name='jakarta.faces.ViewState']"))
        .getAttribute("value");
  }

  /**
   * The confirmation's form posted ten times at once, as impatient clicks or a resent request
   * would: one of them acts, none fails; the others act on nothing and say so, or find the
   * confirmation gone.
   */
  private List<Http.Reply> confirmTenTimesAtOnce(String path, String form, String button)
      throws Exception {
    String post =
        form
            + "="
            + form
            + "&"
            + encode(form + ":confirm")
            + "="
            + button
            + "&jakarta.faces.ViewState="
            + encode(viewStateOf(form));
    List<CompletableFuture<Http.Reply>> posts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      posts.add(
          http.sendAsync(
              http.request(path)
                  .header("Cookie", browser.cookies())
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(post))
                  .build()));
    }
    List<Http.Reply> replies = new ArrayList<>();
    for (CompletableFuture<Http.Reply> reply : posts) {
      replies.add(reply.get());
    }
    return replies;
  }

  @Test
  void confirmingADeletionOrAnUnlinkManyTimesAtOnceNeverFails() throws Exception {
    String username = Seed.unique("nina");
    FakeExchange.Token mailbox = linkNewMailbox(username, Seed.account(http, username, true));
    String other = Seed.unique("nils");
    Seed.account(http, other, true);

    browser.signInAsAdmin().open("admin/links.xhtml?username=" + username);
    browser.press(browser.rowButton(username, "Unlink…"));
    List<Http.Reply> unlinks = confirmTenTimesAtOnce("admin/links.xhtml", "unlink", "Unlink");
    browser.open("admin/accounts.xhtml");
    browser.press(browser.rowButton(other, "Delete…"));
    List<Http.Reply> deletions = confirmTenTimesAtOnce("admin/accounts.xhtml", "delete", "Delete");

    // 302: done, on to the list (Post-Redirect-Get); 200: the page again, with a message or none.
    assertThat(unlinks).extracting(Http.Reply::status).isSubsetOf(302, 200).contains(302);
    assertThat(deletions).extracting(Http.Reply::status).isSubsetOf(302, 200).contains(302);
    assertThat(session(mailbox).json().getString("code")).isEqualTo("link_required");
    assertThat(Seed.accounts(http, other)).isZero();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Http.Reply postForm(String session, String path, String form) {
    return http.send(
        http.request(path)
            .header("Cookie", session)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  private Http.Reply postCreateForm(String session, String username, String viewState) {
    StringBuilder form = new StringBuilder();
    form.append("create=create&create%3Ausername=")
        .append(username)
        .append("&create%3AdisplayName=Forged&create%3Apassword=")
        .append(ServerOutput.secret("forged-password-" + UUID.randomUUID()))
        .append("&create%3Aroles=ADMIN&create%3Asave=Create+account");
    if (viewState != null) {
      form.append("&jakarta.faces.ViewState=").append(viewState);
    }
    return postForm(session, "admin/accounts.xhtml", form.toString());
  }
}
