package dev.identitybridge.sandbox.entity;

/** A sandbox identity token, used as Exchange's would be. */
public record SandboxToken(String token) {}
