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

  @Id
  @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq")
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
  private Long id;

  @Column(name = "occurred_at", nullable = false)
  private OffsetDateTime occurredAt;

  @Column(nullable = false, length = 64)
  private String actor;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32)
  private AuditAction action;

  @Column(length = 255)
  private String target;

  @Column(length = 512)
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
