/**
 * The add-in's own side of the server: the manifest that installs the add-in in Outlook, the
 * security headers of its pages under {@code /addin/}, and the sandbox issuer. The sandbox issuer
 * is a pretend Exchange inside this server, off unless {@code identitybridge.sandbox.enabled} is
 * set, so that a newcomer can try the whole flow (token, link, session) without an Exchange server.
 * Its tokens are trusted only while it is on, and its key never leaves the process.
 */
package dev.identitybridge.addin;
