package dev.identitybridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Form login for the admin pages, through a Faces login page that calls {@code
 * SecurityContext.authenticate} ({@link LoginBacking}), which behaves the same on Payara and
 * WildFly. Anonymous requests for an admin page are redirected to the login page and continue there
 * after a successful login. The add-in's API does not use it: its calls carry the identity token
 * instead, because cookies are third-party inside Outlook's frame. Declaring a mechanism is also
 * what makes WildFly enable Jakarta Security for this WAR, and with it the {@code
 * Pbkdf2PasswordHash} that local passwords are hashed with.
 */
@ApplicationScoped
// errorPage empty: a failed sign-in stays on the login page with its message, wherever the caller
// came from (the default, /login-error, is a page this application does not have).
@CustomFormAuthenticationMechanismDefinition(
    loginToContinue =
        @LoginToContinue(
            loginPage = "/admin/login.xhtml",
            errorPage = "",
            useForwardToLogin = false))
public class AdminLogin {}
