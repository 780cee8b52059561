package dev.identitybridge.it;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test class against the server of the run (pom.xml): Arquillian deploys what the
 * class's own static {@code @Deployment} method returns, {@link #base} is where it answers and
 * {@link #http} a client for it. {@link ServerOutput} fails the class if a token or password that
 * it handed the server reached the server's log.
 */
@ExtendWith({ArquillianExtension.class, ServerOutput.class})
abstract class ServerIntegration {

  @ArquillianResource URL base;
  Http http;

  @BeforeEach
  void connect() {
    http = new Http(base);
  }
}
