-- The admin pages list identity links newest first (or by last use) a page at a time; without
-- these indexes every page would sort all links.
create index ix_identity_link_created on identity_link (created_at);
create index ix_identity_link_last_seen on identity_link (last_seen_at);
