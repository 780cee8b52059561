package dev.identitybridge.accounts.entity;

import dev.identitybridge.persistence.Timestamps;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/** One mailbox identity (the token's uniqueID) linked to one local account. */
@Entity
@Table(name = "identity_link")
@NamedQuery(
    name = IdentityLink.BY_UNIQUE_ID,
    query = "select l from IdentityLink l join fetch l.account where l.uniqueId = :uniqueId")
@NamedQuery(
    name = IdentityLink.DELETE_OF_ACCOUNT,
    query = "delete from IdentityLink l where l.account = :account")
public class IdentityLink {

  public static final String BY_UNIQUE_ID = "IdentityLink.byUniqueId";
  public static final String DELETE_OF_ACCOUNT = "IdentityLink.deleteOfAccount";
  public static final int UNIQUE_ID_LENGTH = 64;
  public static final int REALM_LENGTH = 255;

  @Id
  @SequenceGenerator(name = "identity_link_seq", sequenceName = "identity_link_seq")
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "identity_link_seq")
  private Long id;

  @Column(name = "unique_id", nullable = false, unique = true, length = UNIQUE_ID_LENGTH)
  private String uniqueId;

  @Enumerated(EnumType.STRING)
  @Column(name = "token_kind", nullable = false, length = 32)
  private TokenKind tokenKind;

  @Column(nullable = false, length = REALM_LENGTH)
  private String realm;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "account_id", nullable = false)
  private UserAccount account;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "last_seen_at", nullable = false)
  private OffsetDateTime lastSeenAt;

  @Version private long version;

  protected IdentityLink() {}

  public IdentityLink(
      String uniqueId, TokenKind tokenKind, String realm, UserAccount account, Instant now) {
    if (uniqueId == null || uniqueId.isBlank() || uniqueId.length() > UNIQUE_ID_LENGTH) {
      throw new IllegalArgumentException("uniqueId must be 1 to 64 characters");
    }
    this.uniqueId = uniqueId;
    this.tokenKind = Objects.requireNonNull(tokenKind, "tokenKind");
    this.realm = Objects.requireNonNull(realm, "realm");
    this.account = Objects.requireNonNull(account, "account");
    this.createdAt = Timestamps.utc(now);
    this.lastSeenAt = Timestamps.utc(now);
  }

  public void seen(Instant now) {
    this.lastSeenAt = Timestamps.utc(now);
  }

  public Long id() {
    return id;
  }

  public String uniqueId() {
    return uniqueId;
  }

  public TokenKind tokenKind() {
    return tokenKind;
  }

  public String realm() {
    return realm;
  }

  public UserAccount account() {
    return account;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant lastSeenAt() {
    return lastSeenAt.toInstant();
  }
}
