package dev.identitybridge.admin.control;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.control.ClientAddresses;
import dev.identitybridge.accounts.control.LoginPurpose;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.accounts.entity.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;

/**
 * Jakarta Security's view of the local accounts, for the admin login: the same accounts and
 * password hashing as mailbox linking, failures counted apart from it. Only enabled administrators
 * get in; for anyone else, the right password fails exactly like a wrong one.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

  @Inject Accounts accounts;
  @Inject ClientAddresses clients;
  @Inject AdminSessions sessions;
  @Inject HttpServletRequest request;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    try {
      UserAccount account =
          accounts.authenticate(
              LoginPurpose.ADMIN_LOGIN,
              login.getCaller(),
              login.getPassword().getValue(),
              clients.of(request));
      sessions.signedIn(request.getSession(), account);
      return new CredentialValidationResult(
          account.username(),
          account.roles().stream().map(Role::group).collect(Collectors.toSet()));
    } catch (AccountException e) {
      return CredentialValidationResult.INVALID_RESULT;
    }
  }
}
