/**
 * Local user accounts and the links from identity-token users to them, stored through JPA in a
 * schema that Flyway migrations own.
 */
package dev.identitybridge.accounts;
