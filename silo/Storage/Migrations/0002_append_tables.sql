-- Append tables: what grows with traffic lives here, not in grain state (see ARCHITECTURE.md).
-- The runner applies every migration in name order inside one transaction, so this file has no BEGIN/COMMIT,
-- and every statement is safe to run again.

-- The listing index grains upsert on every change. A row is replaced only by a newer version.
CREATE TABLE IF NOT EXISTS hive_catalog (
    kind       smallint    NOT NULL,  -- Hive.Ports.EntityKind; its numbers are fixed in code
    id         text COLLATE "C" NOT NULL,  -- "C": listings page by ordinal id order, as the in-memory catalog does
    version    bigint      NOT NULL,
    status     text        NOT NULL,
    title      text        NOT NULL,
    type       text,
    owner      text,
    tags       text[]      NOT NULL DEFAULT '{}',
    scope      text,
    priority   integer     NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    wake_at    timestamptz,
    PRIMARY KEY (kind, id)
);
-- "agents by status", "ready tasks": one range of this index, already in page order.
CREATE INDEX IF NOT EXISTS hive_catalog_kind_status ON hive_catalog (kind, status, id);
-- Live keys of a memory channel, channels of a namespace.
CREATE INDEX IF NOT EXISTS hive_catalog_kind_scope ON hive_catalog (kind, scope, status, id);
-- Tasks assigned to an agent.
CREATE INDEX IF NOT EXISTS hive_catalog_kind_owner ON hive_catalog (kind, owner, id);
-- Agents by role: roles are tags, matched with tags @> ARRAY[role].
CREATE INDEX IF NOT EXISTS hive_catalog_tags ON hive_catalog USING gin (tags);
-- The deadline sweeper reads due rows; most rows have no wake time, so they stay out of this index.
CREATE INDEX IF NOT EXISTS hive_catalog_wake_at ON hive_catalog (wake_at) WHERE wake_at IS NOT NULL;

-- The audit trail: appended, never updated. seq orders it and is the page token (newest first).
CREATE TABLE IF NOT EXISTS hive_audit (
    seq         bigserial   PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    entity      text        NOT NULL,
    action      text        NOT NULL,
    from_status text,
    to_status   text,
    details     text,
    trace_id    text
);
CREATE INDEX IF NOT EXISTS hive_audit_entity ON hive_audit (entity, seq DESC);
CREATE INDEX IF NOT EXISTS hive_audit_actor ON hive_audit (actor, seq DESC);
-- Rows arrive in time order, so a BRIN index answers time ranges at a fraction of a b-tree's size and write cost.
CREATE INDEX IF NOT EXISTS hive_audit_at ON hive_audit USING brin (at);

-- The bounded change log of each memory channel. Writers keep only the newest Hive:Memory:ChangeLogRetention
-- revisions of a channel; the newest revision is never trimmed, so max(revision) is the channel's latest.
CREATE TABLE IF NOT EXISTS hive_memory_changes (
    channel  text        NOT NULL,
    revision bigint      NOT NULL,
    key      text        NOT NULL,
    kind     smallint    NOT NULL,  -- Hive.Memory.MemoryChangeKind
    version  bigint      NOT NULL,
    value    text,                  -- the JSON exactly as written; jsonb would reformat it
    author   text        NOT NULL,
    at       timestamptz NOT NULL,
    PRIMARY KEY (channel, revision)
);

-- Inbox messages. Acked rows stay (acked = true), so the highest sequence ever stored survives acks.
CREATE TABLE IF NOT EXISTS hive_messages (
    agent_id       text        NOT NULL,
    sequence       bigint      NOT NULL,
    sender         text        NOT NULL,
    kind           text        NOT NULL,
    subject        text        NOT NULL,
    body           text        NOT NULL,
    correlation_id text,
    sent_at        timestamptz NOT NULL,
    acked          boolean     NOT NULL DEFAULT false,
    acked_at       timestamptz,
    PRIMARY KEY (agent_id, sequence)
);
-- An inbox loads its pending messages; acked ones leave this index.
CREATE INDEX IF NOT EXISTS hive_messages_pending ON hive_messages (agent_id, sequence) WHERE NOT acked;
