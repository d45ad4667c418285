-- The music engine's installed sources (were <DataDir>/music/plugins.json, imported once) and their JavaScript code
-- (were <DataDir>/music/plugins/<sha256>.js), so every host on one database sees the same sources.
CREATE TABLE music_plugins (seq INTEGER NOT NULL PRIMARY KEY, platform TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE music_plugin_code (sha256 TEXT PRIMARY KEY, code TEXT NOT NULL);
