/**
 * Exchange identity tokens: parsing and validating them in the order DESIGN.md fixes, with a stable
 * reason code for every rejection. Plain Java with an injected clock, so it is tested without a
 * server; {@code ExchangeTokens} is the one bean the HTTP layer calls.
 */
package dev.identitybridge.token;
