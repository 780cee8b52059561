/**
 * The audit log: who did what to which account, link or key source, recorded in the transaction of
 * the change it describes, and searched by the admin pages.
 */
package dev.identitybridge.audit;
