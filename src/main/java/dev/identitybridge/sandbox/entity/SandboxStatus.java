package dev.identitybridge.sandbox.entity;

/** Whether the sandbox issuer is on, so that the add-in page can say so. */
public record SandboxStatus(boolean enabled) {}
