package dev.identitybridge.keys.entity;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/**
 * A token-signing certificate from an Exchange metadata document, its key decoded once.
 *
 * @param x5t the base64url SHA-1 thumbprint, checked against the certificate itself
 * @param subject the subject's distinguished name, for the admin page
 */
public record SigningCertificate(
    String x5t,
    String subject,
    Instant notBefore,
    Instant notAfter,
    int keyBits,
    RSAPublicKey publicKey) {}
