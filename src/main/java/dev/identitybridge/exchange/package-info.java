/**
 * Exchange identity tokens ({@code getUserIdentityTokenAsync}, on-premises Exchange): the validator
 * in the order DESIGN.md fixes, the metadata documents as key sources, and the kind's place in the
 * token port. Plain Java with an injected clock, so it is tested without a server.
 */
package dev.identitybridge.exchange;
