/**
 * Signing keys of every issuer kind: the trusted sources that the kinds and the sandbox contribute
 * ({@code KeySources}), held as immutable snapshots, fetched over HTTPS with caps and extra trust,
 * refreshed on a timer and on an unknown key id, single-flight and serve-stale. Issuer-agnostic:
 * what a source's document looks like is its kind's business.
 */
package dev.identitybridge.keys;
