package dev.identitybridge.accounts.entity;

import dev.identitybridge.persistence.Timestamps;
import jakarta.persistence.Cacheable;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A local user of the service: the account that an add-in user's mailbox is linked to. Never served
 * from a shared cache: another instance may have disabled it or changed its password.
 */
@Entity
@Table(name = "user_account")
@Cacheable(false)
// The roles in the same query: without a shared cache, each account's would be a query of its own.
@NamedQuery(
    name = UserAccount.BY_USERNAME,
    query =
        "select distinct a from UserAccount a left join fetch a.roles where a.username = :username")
@NamedQuery(
    name = UserAccount.ALL,
    query = "select distinct a from UserAccount a left join fetch a.roles order by a.username")
@NamedQuery(
    name = UserAccount.COUNT_WITH_ROLE,
    query = "select count(a) from UserAccount a where :role member of a.roles")
@NamedQuery(
    name = UserAccount.COUNT_ENABLED_WITH_ROLE,
    query = "select count(a) from UserAccount a where :role member of a.roles and a.enabled = true")
public class UserAccount {

  public static final String BY_USERNAME = "UserAccount.byUsername";
  public static final String ALL = "UserAccount.all";
  public static final String COUNT_WITH_ROLE = "UserAccount.countWithRole";
  public static final String COUNT_ENABLED_WITH_ROLE = "UserAccount.countEnabledWithRole";
  public static final int USERNAME_LENGTH = 64;
  public static final int DISPLAY_NAME_LENGTH = 128;

  @Id
  @SequenceGenerator(name = "user_account_seq", sequenceName = "user_account_seq")
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_account_seq")
  private Long id;

  @Column(nullable = false, unique = true, length = USERNAME_LENGTH)
  private String username;

  @Column(name = "password_hash", nullable = false, length = 512)
  private String passwordHash;

  @Column(name = "display_name", nullable = false, length = DISPLAY_NAME_LENGTH)
  private String displayName;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_account_role", joinColumns = @JoinColumn(name = "account_id"))
  @Column(name = "role", nullable = false, length = 32)
  @Enumerated(EnumType.STRING)
  private Set<Role> roles = EnumSet.noneOf(Role.class);

  @Column(nullable = false)
  private boolean enabled;

  /** Counts the password changes; a session remembers it at sign-in to notice the next one. */
  @Column(name = "credential_version", nullable = false)
  private int credentialVersion;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  @Version private long version;

  protected UserAccount() {}

  public UserAccount(
      String username, String displayName, String passwordHash, Set<Role> roles, Instant now) {
    this.username = requireText(username, "username", USERNAME_LENGTH);
    this.displayName = requireText(displayName, "displayName", DISPLAY_NAME_LENGTH);
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    this.enabled = true;
    this.createdAt = Timestamps.utc(now);
    this.updatedAt = Timestamps.utc(now);
  }

  private static String requireText(String value, String name, int maxLength) {
    if (value == null || value.isBlank() || value.length() > maxLength) {
      throw new IllegalArgumentException(
          name + " must be 1 to " + maxLength + " characters, not blank");
    }
    return value;
  }

  public void changePasswordHash(String passwordHash, Instant now) {
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    this.credentialVersion++;
    this.updatedAt = Timestamps.utc(now);
  }

  public void rename(String displayName, Instant now) {
    this.displayName = requireText(displayName, "displayName", DISPLAY_NAME_LENGTH);
    this.updatedAt = Timestamps.utc(now);
  }

  public void grantOnly(Set<Role> roles, Instant now) {
    this.roles.clear();
    this.roles.addAll(roles);
    this.updatedAt = Timestamps.utc(now);
  }

  public void enable(boolean enabled, Instant now) {
    this.enabled = enabled;
    this.updatedAt = Timestamps.utc(now);
  }

  public Long id() {
    return id;
  }

  public String username() {
    return username;
  }

  /** The stored PBKDF2 hash: only for verifying a password, never for display. */
  public String passwordHash() {
    return passwordHash;
  }

  public String displayName() {
    return displayName;
  }

  public Set<Role> roles() {
    return Set.copyOf(roles);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  public boolean enabled() {
    return enabled;
  }

  /** Whether the account may use the admin pages: enabled, with the role admin. */
  public boolean isActiveAdmin() {
    return enabled && roles.contains(Role.ADMIN);
  }

  public int credentialVersion() {
    return credentialVersion;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant updatedAt() {
    return updatedAt.toInstant();
  }

  public long version() {
    return version;
  }
}
