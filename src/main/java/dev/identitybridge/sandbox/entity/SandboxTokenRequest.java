package dev.identitybridge.sandbox.entity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Which sandbox mailbox wants a token, and of which kind ({@code exchange}, the default, or {@code
 * entra}); any name works, the same name is the same user.
 */
public record SandboxTokenRequest(
    @NotNull(message = "The mailbox name is missing.")
        @Size(min = 1, max = 64, message = "The mailbox name has 1 to 64 characters.")
        @Pattern(
            regexp = "[A-Za-z0-9._-]*",
            message = "The mailbox name has only letters, digits, dots, dashes and underscores.")
        String mailbox,
    @Pattern(regexp = "exchange|entra", message = "The kind is exchange or entra.") String kind) {

  /**
   * Declared so that the constraints are not copied onto the constructor's parameters, where Payara
   * 6.2025.10's OpenAPI scanner fails on them (see {@code LinkRequest}).
   */
  public SandboxTokenRequest(String mailbox, String kind) {
    this.mailbox = mailbox;
    this.kind = kind;
  }

  /** Whether the caller asked for an Entra access token; an Exchange identity token otherwise. */
  public boolean entra() {
    return "entra".equals(kind);
  }
}
