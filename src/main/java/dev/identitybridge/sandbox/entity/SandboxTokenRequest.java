package dev.identitybridge.sandbox.entity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Which sandbox mailbox wants a token; any name works, the same name is the same user. */
public record SandboxTokenRequest(
    @NotNull(message = "The mailbox name is missing.")
        @Size(min = 1, max = 64, message = "The mailbox name has 1 to 64 characters.")
        @Pattern(
            regexp = "[A-Za-z0-9._-]*",
            message = "The mailbox name has only letters, digits, dots, dashes and underscores.")
        String mailbox) {}
