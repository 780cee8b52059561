package dev.identitybridge.keys.control;

import dev.identitybridge.config.control.Configuration;
import dev.identitybridge.token.control.TokenCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * Makes the token port's cache of verified tokens, configured: here, because the token port reads
 * no configuration and the key store is what must empty it when a key is withdrawn.
 */
@ApplicationScoped
public class TokenCaches {

  @Produces
  @ApplicationScoped
  TokenCache tokenCache(Configuration configuration, Clock clock) {
    return new TokenCache(configuration.tokenCacheMaxEntries(), configuration.clockSkew(), clock);
  }
}
