/**
 * Entra ID access tokens, as Outlook add-ins on Microsoft 365 mailboxes get them through nested app
 * authentication: {@code EntraTokenValidator} checks one in the eleven steps of DESIGN.md, {@code
 * EntraTokens} plugs it into the token port, and {@code EntraKeySet} contributes Entra's JWKS to
 * the key store. Imports {@code token}, {@code keys} and {@code config}; nobody but the sandbox
 * imports it.
 */
package dev.identitybridge.entra;
