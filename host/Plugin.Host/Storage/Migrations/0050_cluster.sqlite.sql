-- The cluster's tables (0050_cluster.postgres.sql). A cluster needs PostgreSQL (Cluster/ClusterOptions.cs); on SQLite
-- they stay empty, kept so both engines have one schema.
CREATE TABLE cluster_plugins (package_id TEXT PRIMARY KEY, version TEXT NOT NULL, installed INTEGER NOT NULL,
    seq INTEGER NOT NULL, node_id TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE cluster_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, package_id TEXT NOT NULL,
    plugin_id TEXT, version TEXT, node_id TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE cluster_nodes (node_id TEXT PRIMARY KEY, applied_seq INTEGER NOT NULL, url TEXT, heartbeat TEXT NOT NULL);
CREATE TABLE host_plugin_state (node_id TEXT NOT NULL, plugin_id TEXT NOT NULL, package_id TEXT NOT NULL, version TEXT,
    status TEXT NOT NULL, error TEXT, heartbeat TEXT NOT NULL, PRIMARY KEY (node_id, plugin_id));
