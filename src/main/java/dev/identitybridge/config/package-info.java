/**
 * Configuration, read and normalised in one place ({@code Configuration}), and the application's
 * {@code Clock}. A leaf: it imports nothing of ours, and every feature may use it.
 */
package dev.identitybridge.config;
