package dev.identitybridge.api.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The local credentials with which a first-time user links their mailbox. */
public record LinkRequest(
    @NotBlank(message = "The username is missing.")
        @Size(max = 64, message = "The username has at most 64 characters.")
        String username,
    @NotNull(message = "The password is missing.")
        @Size(max = 1024, message = "The password has at most 1,024 characters.")
        String password) {

  /**
   * Declared so that the constraints stay on the record's fields and accessors and are not copied
   * onto this constructor's parameters: Payara 6.2025.10's OpenAPI scanner fails with a
   * NullPointerException on a {@code @NotBlank} or {@code @Size} parameter that has no
   * {@code @PathParam}, and /openapi answers 500. Bean Validation reads the fields either way.
   */
  public LinkRequest(String username, String password) {
    this.username = username;
    this.password = password;
  }
}
