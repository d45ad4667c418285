-- The admin's per-plugin isolation choice (Workers/IsolationPolicy.cs, Storage/PluginIsolationStore.cs): no row = the
-- host's default (Host:Plugins:Isolation).
CREATE TABLE IF NOT EXISTS plugin_isolation (plugin_id TEXT PRIMARY KEY, mode TEXT NOT NULL, updated_at TEXT NOT NULL);
