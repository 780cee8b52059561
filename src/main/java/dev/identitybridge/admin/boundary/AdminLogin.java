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
@CustomFormAuthenticationMechanismDefinition(
    loginToContinue = @LoginToContinue(loginPage = "/admin/login.xhtml", useForwardToLogin = false))
public class AdminLogin {}
