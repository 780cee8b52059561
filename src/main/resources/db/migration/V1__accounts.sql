-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL. Ids come from sequences that step by 50,
-- the JPA default allocation size, and start at 50 because EclipseLink reads each value as the top
-- of a block of 50 (Hibernate's pooled optimizer reads them the same way).

create sequence user_account_seq start with 50 increment by 50;
create sequence identity_link_seq start with 50 increment by 50;
create sequence audit_event_seq start with 50 increment by 50;

create table user_account (
    id            bigint        not null,
    username      varchar(64)   not null,
    password_hash varchar(512)  not null,
    display_name  varchar(128)  not null,
    enabled       boolean       not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    version       bigint        not null,
    constraint pk_user_account primary key (id),
    constraint uk_user_account_username unique (username)
);

create table user_account_role (
    account_id bigint      not null,
    role       varchar(32) not null,
    constraint pk_user_account_role primary key (account_id, role),
    constraint fk_user_account_role_account foreign key (account_id)
        references user_account (id) on delete cascade
);

create table identity_link (
    id           bigint       not null,
    unique_id    varchar(64)  not null,
    token_kind   varchar(32)  not null,
    realm        varchar(255) not null,
    account_id   bigint       not null,
    created_at   timestamp with time zone not null,
    last_seen_at timestamp with time zone not null,
    version      bigint       not null,
    constraint pk_identity_link primary key (id),
    -- Decides races: two concurrent links of one identity leave one row.
    constraint uk_identity_link_unique_id unique (unique_id),
    constraint fk_identity_link_account foreign key (account_id)
        references user_account (id) on delete cascade
);
create index ix_identity_link_account on identity_link (account_id);
create index ix_identity_link_realm on identity_link (realm);

-- Audit rows outlive what they describe, so they hold names, not foreign keys.
create table audit_event (
    id          bigint        not null,
    occurred_at timestamp with time zone not null,
    actor       varchar(64)   not null,
    action      varchar(32)   not null,
    target      varchar(255),
    detail      varchar(512),
    constraint pk_audit_event primary key (id)
);
create index ix_audit_event_occurred on audit_event (occurred_at);
create index ix_audit_event_actor on audit_event (actor, occurred_at);
create index ix_audit_event_action on audit_event (action, occurred_at);
