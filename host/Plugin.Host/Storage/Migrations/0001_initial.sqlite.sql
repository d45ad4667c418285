-- The schema the host created before migrations existed (HostDatabase's CREATE TABLE IF NOT EXISTS string and the
-- record store's table). IF NOT EXISTS everywhere: on a host.db made by that code this migration finds every table in
-- place and only records itself, so an existing file upgrades without touching its rows.
CREATE TABLE IF NOT EXISTS host_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plugin_config (plugin_id TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plugin_data (plugin_id TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (plugin_id, key));
CREATE TABLE IF NOT EXISTS plugin_data_shared (plugin_id TEXT NOT NULL, pattern TEXT NOT NULL, PRIMARY KEY (plugin_id, pattern));
CREATE TABLE IF NOT EXISTS message_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, plugin_id TEXT, conversation TEXT,
    userid TEXT, json TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_outbox_conversation ON message_outbox (conversation);
CREATE TABLE IF NOT EXISTS service_runs (plugin_id TEXT NOT NULL, service_id TEXT NOT NULL, last_run TEXT, last_result TEXT,
    PRIMARY KEY (plugin_id, service_id));
CREATE TABLE IF NOT EXISTS user_config ("user" TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY ("user", key));
CREATE TABLE IF NOT EXISTS host_records (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, record_key TEXT,
    at TEXT NOT NULL, type TEXT, title TEXT, state TEXT, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_records_kind_at ON host_records (kind, at);
CREATE INDEX IF NOT EXISTS ix_records_kind_key ON host_records (kind, record_key);
