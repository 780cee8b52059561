/**
 * The port every token kind plugs into: {@code TokenValidator} checks a token's structure, lets the
 * token say which kind it is and delegates to that kind's {@code TokenIssuer}; {@code Identity} is
 * the verified result and {@code InvalidTokenException} carries the stable reason codes. It knows
 * no particular issuer, no HTTP and no JPA, and imports nothing of ours.
 */
package dev.identitybridge.token;
