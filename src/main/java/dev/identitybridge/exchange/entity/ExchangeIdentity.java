package dev.identitybridge.exchange.entity;

import java.time.Instant;

/**
 * The claims of an Exchange identity token that passed every check.
 *
 * @param uniqueID base64url-without-padding(SHA-256(UTF-8(amurl + msexchuid))): the stable user id
 * @param realm the part of {@code iss} after the {@code @}: the on-premises domain or the tenant id
 */
public record ExchangeIdentity(
    String msexchuid,
    String amurl,
    String uniqueID,
    String aud,
    String iss,
    String x5t,
    Instant nbf,
    Instant exp,
    String version,
    String appctxsender,
    boolean isbrowserhostedapp,
    String realm) {}
