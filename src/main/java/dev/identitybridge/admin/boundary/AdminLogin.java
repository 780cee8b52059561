package dev.identitybridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Form login for the admin pages. The add-in's API does not use it: its calls carry the identity
 * token instead, because cookies are third-party inside Outlook's frame. Declaring a mechanism is
 * also what makes WildFly enable Jakarta Security for this WAR, and with it the {@code
 * Pbkdf2PasswordHash} that local passwords are hashed with.
 */
@ApplicationScoped
@FormAuthenticationMechanismDefinition(
    loginToContinue =
        @LoginToContinue(
            loginPage = "/admin/login.xhtml",
            errorPage = "/admin/login.xhtml?failed=true"))
public class AdminLogin {}
