/**
 * The signing certificates of trusted Exchange metadata documents: fetched over HTTPS from the
 * configured URLs only, held as immutable snapshots, refreshed on a timer and on an unknown key.
 */
package dev.identitybridge.keys;
