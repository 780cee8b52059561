package dev.identitybridge.admin.control;

import dev.identitybridge.accounts.control.AccountException;
import dev.identitybridge.accounts.control.Accounts;
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
 * Jakarta Security's view of the local accounts: the admin login checks the same accounts, with the
 * same password hashing and the same lock-out, as mailbox linking.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

  @Inject Accounts accounts;
  @Inject HttpServletRequest request;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    try {
      UserAccount account =
          accounts.authenticate(
              login.getCaller(), login.getPassword().getValue(), request.getRemoteAddr());
      return new CredentialValidationResult(
          account.username(),
          account.roles().stream().map(Role::group).collect(Collectors.toSet()));
    } catch (AccountException e) {
      return CredentialValidationResult.INVALID_RESULT;
    }
  }
}
