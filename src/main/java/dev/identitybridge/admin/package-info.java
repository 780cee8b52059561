/**
 * Administration: form login for admins against the same local accounts, the headers that protect
 * the admin pages, and the Faces backing beans of the pages that manage accounts, identity links,
 * the certificate store and the audit log ({@code webapp/admin}).
 */
package dev.identitybridge.admin;
