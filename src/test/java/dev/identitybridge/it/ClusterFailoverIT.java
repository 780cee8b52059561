package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An admin whose instance dies keeps working on the other without signing in again: the session
 * (the login, the Faces view state) is replicated by Payara's Hazelcast, because the WAR is
 * distributable and everything in the session is Serializable.
 */
@Tag("cluster")
class ClusterFailoverIT {

  @RegisterExtension static final TwoInstances INSTANCES = new TwoInstances();

  @Test
  void anAdminSignedInThroughOneKeepsTheSessionThroughTheOtherAfterTheFirstDies() throws Exception {
    String user = Seed.unique("admin");
    String password = Seed.admin(INSTANCES.http(0), user);
    AdminHttp browser = new AdminHttp();
    browser.signIn(TwoInstances.url(0).toString(), user, password);
    assertThat(browser.signedIn(TwoInstances.url(0) + "admin/links.xhtml")).isTrue();

    INSTANCES.kill(0);

    assertThat(browser.signedIn(TwoInstances.url(1) + "admin/links.xhtml"))
        .as("signed in on the surviving instance")
        .isTrue();
    assertThat(browser.signedIn(TwoInstances.url(1) + "admin/accounts.xhtml")).isTrue();
  }

  @Test
  void aStrangerWithoutTheSessionCookieIsNotSignedInOnEither() {
    AdminHttp stranger = new AdminHttp();
    assertThat(stranger.signedIn(TwoInstances.url(1) + "admin/links.xhtml")).isFalse();
  }
}
