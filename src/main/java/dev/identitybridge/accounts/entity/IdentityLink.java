package dev.identitybridge.accounts.entity;

import dev.identitybridge.persistence.Timestamps;
import dev.identitybridge.token.entity.TokenKind;
import jakarta.persistence.Cacheable;
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

/**
 * One mailbox identity (the token's uniqueID) linked to one local account. Never served from a
 * shared cache: another instance may have removed it.
 */
@Entity
@Table(name = "identity_link")
@Cacheable(false)
@NamedQuery(
    name = IdentityLink.BY_UNIQUE_ID,
    query = "select l from IdentityLink l join fetch l.account where l.uniqueId = :uniqueId")
@NamedQuery(
    name = IdentityLink.DELETE_OF_ACCOUNT,
    query = "delete from IdentityLink l where l.account = :account")
@NamedQuery(
    name = IdentityLink.OF_ACCOUNT,
    query = "select l.uniqueId from IdentityLink l where l.account = :account order by l.id")
@NamedQuery(
    name = IdentityLink.COUNT_OF_ACCOUNT,
    query = "select count(l) from IdentityLink l where l.account = :account")
// A bulk update, which leaves the version alone: two requests touching one link at once never
// conflict, and the one that finds it touched already changes nothing.
@NamedQuery(
    name = IdentityLink.TOUCH,
    query =
        "update IdentityLink l set l.lastSeenAt = :now"
            + " where l.uniqueId = :uniqueId and l.lastSeenAt < :seenBefore")
public class IdentityLink {

  public static final String BY_UNIQUE_ID = "IdentityLink.byUniqueId";
  public static final String DELETE_OF_ACCOUNT = "IdentityLink.deleteOfAccount";
  public static final String OF_ACCOUNT = "IdentityLink.ofAccount";
  public static final String COUNT_OF_ACCOUNT = "IdentityLink.countOfAccount";
  public static final String TOUCH = "IdentityLink.touch";
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
