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
        String password) {}
