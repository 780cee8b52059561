/**
 * Administration: form login for admins against the same local accounts, and (to come) the Faces
 * pages that manage accounts, links and the certificate store.
 */
package dev.identitybridge.admin;
