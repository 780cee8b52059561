-- Sign-ins per hour for the admin dashboard. Each instance adds its own counts to its own rows
-- (UPDATE, else INSERT; the primary key settles a race between two flushes), and readers sum over
-- the instances, so several instances show one picture and a restart loses nothing.
create table sign_in_hour (
    hour_start timestamp with time zone not null,
    instance   varchar(128) not null,
    token_kind varchar(16)  not null,
    outcome    varchar(32)  not null,
    count      bigint       not null,
    constraint pk_sign_in_hour primary key (hour_start, instance, token_kind, outcome)
);
