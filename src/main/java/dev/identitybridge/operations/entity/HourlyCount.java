package dev.identitybridge.operations.entity;

import java.time.Instant;

/**
 * Sign-ins of one kind and outcome in one hour, summed over every instance.
 *
 * @param hour the start of the hour
 * @param kind {@code exchange}, {@code entra} or {@code unknown}
 * @param outcome {@code valid} or a reason code
 */
public record HourlyCount(Instant hour, String kind, String outcome, long count) {}
