-- Account protection. Portable SQL, as in V1: runs unchanged on H2 2.x and PostgreSQL.

-- Sign-in attempts per username (mailbox linking and the admin login apart) and per client
-- address, shared by every instance. The key is base64url(SHA-256) of what is counted, so no tried
-- username or address is stored as such. An attempt takes a place (pending) before its password is
-- checked; a failed check becomes a failure; at the limit the key is locked until locked_until.
-- round_number tells the attempts of a lock period from those of the next one.
create table login_attempt (
    attempt_key     varchar(64) not null,
    failures        integer     not null,
    pending         integer     not null,
    round_number    integer     not null,
    last_attempt_at timestamp with time zone not null,
    locked_until    timestamp with time zone,
    constraint pk_login_attempt primary key (attempt_key)
);
-- Rows quiet for a lock-out period are deleted by age.
create index ix_login_attempt_last on login_attempt (last_attempt_at);

-- Which password an admin session was signed in with: a new password ends the other sessions.
alter table user_account add column credential_version integer default 0 not null;

-- Rows that changes lock first, so that changes of one kind run one at a time on every instance:
-- 'admins': each change that could remove an administrator, so that the last enabled one cannot be
--   removed by two at once;
-- 'login_attempt': the first insert of a key, so that two first attempts never collide on it.
create table change_guard (
    name varchar(32) not null,
    constraint pk_change_guard primary key (name)
);
insert into change_guard (name) values ('admins');
insert into change_guard (name) values ('login_attempt');

-- Room for the list of mailbox links that a deletion or a password reset removed.
alter table audit_event alter column detail set data type varchar(4000);
