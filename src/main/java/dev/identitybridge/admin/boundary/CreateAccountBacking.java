package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.Role;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The form that creates an account. */
@Named
@ViewScoped
public class CreateAccountBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Accounts accounts;

  private String username;
  private String displayName;
  private String password;
  private Role[] roles = {Role.USER};

  public String create() {
    try {
      return AdminMessages.change(
          "accounts",
          () -> {
            accounts.create(
                AdminMessages.actor(),
                username,
                displayName,
                AdminMessages.characters(password),
                AccountsBacking.roles(roles));
            return "Created the account " + username + ".";
          },
          reason ->
              switch (reason) {
                case USERNAME_TAKEN, INVALID_USERNAME -> "create:username";
                case INVALID_DISPLAY_NAME -> "create:displayName";
                case WEAK_PASSWORD -> "create:password";
                default -> null;
              });
    } finally {
      password = null;
    }
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public Role[] getRoles() {
    return roles;
  }

  public void setRoles(Role[] roles) {
    this.roles = roles;
  }
}
