/**
 * The HTTP API: the documented sample endpoint, the add-in's session and link calls, the bearer
 * token filter that tells every protected resource who is calling, and the problem+json rendering
 * of every refusal.
 */
package dev.identitybridge.api;
