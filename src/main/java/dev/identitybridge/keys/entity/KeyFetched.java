package dev.identitybridge.keys.entity;

/**
 * One fetch of a key source finished, fired as a CDI event for whoever counts them.
 *
 * @param source the source's id (its URL)
 * @param succeeded whether it brought keys
 * @param nanos how long it took
 */
public record KeyFetched(String source, boolean succeeded, long nanos) {}
