package dev.identitybridge.audit.entity;

import dev.identitybridge.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Who did what to which account or link, and when. Holds names rather than references, so that it
 * outlives what it describes.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final int ACTOR_LENGTH = 64;
  public static final int TARGET_LENGTH = 255;
  public static final int DETAIL_LENGTH = 4000;

  @Id
  @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq")
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
  private Long id;

  @Column(name = "occurred_at", nullable = false)
  private OffsetDateTime occurredAt;

  @Column(nullable = false, length = ACTOR_LENGTH)
  private String actor;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32)
  private AuditAction action;

  @Column(length = TARGET_LENGTH)
  private String target;

  @Column(length = DETAIL_LENGTH)
  private String detail;

  protected AuditEvent() {}

  public AuditEvent(
      Instant occurredAt, String actor, AuditAction action, String target, String detail) {
    this.occurredAt = Timestamps.utc(occurredAt);
    this.actor = Objects.requireNonNull(actor, "actor");
    this.action = Objects.requireNonNull(action, "action");
    this.target = target;
    this.detail = detail;
  }

  public Long id() {
    return id;
  }

  public Instant occurredAt() {
    return occurredAt.toInstant();
  }

  public String actor() {
    return actor;
  }

  public AuditAction action() {
    return action;
  }

  public String target() {
    return target;
  }

  public String detail() {
    return detail;
  }
}
