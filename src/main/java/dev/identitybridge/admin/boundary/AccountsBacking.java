package dev.identitybridge.admin.boundary;

import dev.identitybridge.accounts.control.Accounts;
import dev.identitybridge.accounts.entity.Role;
import dev.identitybridge.accounts.entity.UserAccount;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The list of local accounts, and enabling or disabling one from it. The forms of the page have a
 * backing bean each: {@link CreateAccountBacking}, {@link EditAccountBacking}, {@link
 * ResetPasswordBacking}, {@link DeleteAccountBacking}. Every change is audited with the signed-in
 * administrator as the actor. No page ever holds a password hash.
 */
@Named
@ViewScoped
public class AccountsBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Accounts accounts;

  private List<AccountRow> rows;

  /** What the page shows of an account: everything but the password hash. */
  public record AccountRow(
      String username,
      String displayName,
      Set<Role> roles,
      boolean enabled,
      Instant createdAt,
      Instant updatedAt)
      implements Serializable {

    static AccountRow of(UserAccount account) {
      return new AccountRow(
          account.username(),
          account.displayName(),
          account.roles(),
          account.enabled(),
          account.createdAt(),
          account.updatedAt());
    }

    public String roleNames() {
      return String.join(", ", roles.stream().map(Role::group).sorted().toList());
    }
  }

  @PostConstruct
  void init() {
    rows = accounts.all().stream().map(AccountRow::of).toList();
  }

  public String toggleEnabled(AccountRow row) {
    return AdminMessages.change(
        "accounts",
        () -> {
          accounts.enable(AdminMessages.actor(), row.username(), !row.enabled());
          return (row.enabled() ? "Disabled" : "Enabled") + " the account " + row.username() + ".";
        });
  }

  /** The roles ticked in a form, as a set. */
  static Set<Role> roles(Role[] chosen) {
    return chosen == null || chosen.length == 0
        ? EnumSet.noneOf(Role.class)
        : EnumSet.copyOf(Arrays.asList(chosen));
  }

  public Role[] getAllRoles() {
    return Role.values();
  }

  public List<AccountRow> getRows() {
    return rows;
  }
}
