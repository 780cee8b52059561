package dev.identitybridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Form login for the admin pages. The add-in's API does not use it: its calls carry the identity
 * token instead, because cookies are third-party inside Outlook's frame.
 */
@ApplicationScoped
@FormAuthenticationMechanismDefinition(
    loginToContinue =
        @LoginToContinue(
            loginPage = "/admin/login.xhtml",
            errorPage = "/admin/login.xhtml?failed=true"))
public class AdminLogin {}
