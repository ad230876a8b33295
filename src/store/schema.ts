/**
 * Ledger schema and its migrations. `schema_version` holds one row; each migration runs
 * in its own transaction together with the version bump, so a crash mid-migration
 * leaves the previous version intact.
 */
import type Database from "better-sqlite3";

export const TRIAL_STATUSES = ["running", "succeeded", "failed", "interrupted", "cached"] as const;
export const RUN_STATUSES = ["running", "succeeded", "failed", "interrupted", "crashed"] as const;

const inList = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(",");

/** migrations[i] brings the schema from version i to i+1. Append only; never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    pipeline_file TEXT    NOT NULL,
    pipeline_name TEXT    NOT NULL,
    declaration   TEXT    NOT NULL,
    argv          TEXT    NOT NULL CHECK (json_valid(argv)),
    pid           INTEGER NOT NULL,
    pid_start     TEXT,
    status        TEXT    NOT NULL CHECK (status IN (${inList(RUN_STATUSES)})),
    started_at    TEXT    NOT NULL,
    finished_at   TEXT,
    lock_file     TEXT
  );
  CREATE INDEX runs_by_file ON runs (pipeline_file, id);
  CREATE INDEX runs_by_status ON runs (status);

  CREATE TABLE trials (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id      INTEGER NOT NULL REFERENCES runs (id),
    node        TEXT    NOT NULL,
    idx         INTEGER NOT NULL,
    attempt     INTEGER NOT NULL,
    key         TEXT    NOT NULL,
    seed        INTEGER NOT NULL,
    params      TEXT    NOT NULL CHECK (json_valid(params)),
    carried     TEXT    NOT NULL CHECK (json_valid(carried)),
    inputs      TEXT    NOT NULL CHECK (json_valid(inputs)),
    status      TEXT    NOT NULL CHECK (status IN (${inList(TRIAL_STATUSES)})),
    metrics     TEXT    CHECK (metrics IS NULL OR json_valid(metrics)),
    value       REAL,
    reason      TEXT,
    artifact    TEXT,
    cached_from INTEGER REFERENCES trials (id),
    pid         INTEGER,
    pid_start   TEXT,
    started_at  TEXT    NOT NULL,
    finished_at TEXT,
    UNIQUE (run_id, node, idx, attempt),
    CHECK (status NOT IN ('succeeded', 'cached') OR artifact IS NOT NULL),
    CHECK (status <> 'cached' OR cached_from IS NOT NULL)
  );
  CREATE INDEX trials_by_key ON trials (key, status, id);
  CREATE INDEX trials_by_run ON trials (run_id, id);
  CREATE INDEX trials_running ON trials (status) WHERE status = 'running';

  -- A finished trial row is immutable: no UPDATE or DELETE once it left "running".
  CREATE TRIGGER trials_finished_immutable BEFORE UPDATE ON trials
    WHEN OLD.status <> 'running'
    BEGIN SELECT RAISE(ABORT, 'dagtune: finished trial rows are immutable'); END;
  CREATE TRIGGER trials_finished_undeletable BEFORE DELETE ON trials
    WHEN OLD.status <> 'running'
    BEGIN SELECT RAISE(ABORT, 'dagtune: finished trial rows are immutable'); END;

  -- Trials are only added to a run in progress (not to a finished or crashed one).
  CREATE TRIGGER trials_only_in_running_runs BEFORE INSERT ON trials
    WHEN (SELECT status FROM runs WHERE id = NEW.run_id) <> 'running'
    BEGIN SELECT RAISE(ABORT, 'dagtune: the run is no longer running'); END;

  CREATE TABLE selections (
    run_id    INTEGER NOT NULL REFERENCES runs (id),
    node      TEXT    NOT NULL,
    trial_ids TEXT    NOT NULL CHECK (json_valid(trial_ids)),
    PRIMARY KEY (run_id, node)
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const step = db.transaction((target: number) => {
    // Re-read inside the (IMMEDIATE) transaction: another process may have migrated meanwhile.
    const cur = currentVersion(db);
    if (cur >= target) return;
    db.exec(MIGRATIONS[cur]!);
    if (cur === 0) db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(cur + 1);
    else db.prepare("UPDATE schema_version SET version = ?").run(cur + 1);
  });
  const found = currentVersion(db);
  if (found > SCHEMA_VERSION) {
    throw new Error(
      `the store's ledger has schema version ${found}, newer than this dagtune understands (${SCHEMA_VERSION}); upgrade dagtune or use another --store`,
    );
  }
  for (let v = found; v < SCHEMA_VERSION; v++) step.immediate(v + 1);
}

function currentVersion(db: Database.Database): number {
  const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
  return row?.version ?? 0;
}
