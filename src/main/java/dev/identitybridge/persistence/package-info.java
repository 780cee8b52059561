/**
 * What every JPA feature shares: a paged search, a page of results and how times are stored. A
 * leaf: it imports nothing of ours.
 */
package dev.identitybridge.persistence;
