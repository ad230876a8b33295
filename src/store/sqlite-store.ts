/**
 * The Store seam backed by SQLite (better-sqlite3) and a content-addressed object folder.
 *
 * Layout under `root`:
 *   ledger.sqlite            runs, trials, selections (WAL, synchronous=FULL, foreign keys)
 *   objects/<aa>/<digest>/   artifacts, named by the digest of their contents
 *   objects/<aa>/<digest>.manifest.json   what the artifact held when committed
 *   tmp/                     per-attempt work folders `t<trialId>-<random>`, commit staging
 *   logs/<trialId>.stdout|.stderr
 *   locks/                   lock files, one per run (content written by the engine)
 *   dagtune.lock             the orchestrator lock
 *
 * Every ledger write is a single statement or a transaction; nothing lives only in memory.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import type {
  NewTrial,
  RunRow,
  RunStatus,
  Selection,
  Store,
  StoreLock,
  TrialResult,
  TrialRow,
} from "./types.js";
import type { CarriedParam } from "../engine/events.js";
import type { Params } from "../spec/types.js";
import { migrate, RUN_STATUSES } from "./schema.js";
import { acquireLock, holderIsDead, readLockInfo, type LockInfo } from "./lock.js";
import { ArtifactError, hashDir, verifyDir, type Manifest } from "./artifacts.js";
import { fsyncDir, isErrno, removeTree, writeJsonAtomic } from "./fsutil.js";
import { processAlive, processGroupExists, processStartTime, pidExists } from "./proc.js";

const DIGEST_RE = /^[0-9a-f]{64}$/;

/** finishTrial / setTrialPid on a trial that is not running. */
export class TrialFinishedError extends Error {
  constructor(readonly trialId: number, readonly status: string | null) {
    super(
      status === null
        ? `trial ${trialId} does not exist`
        : `trial ${trialId} is ${status}; a finished trial's record is immutable`,
    );
  }
}

interface RunDb {
  id: number;
  pipeline_file: string;
  pipeline_name: string;
  declaration: string;
  argv: string;
  pid: number;
  pid_start: string | null;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  lock_file: string | null;
}

interface TrialDb {
  id: number;
  run_id: number;
  node: string;
  idx: number;
  attempt: number;
  key: string;
  seed: number;
  params: string;
  carried: string;
  inputs: string;
  status: TrialRow["status"];
  metrics: string | null;
  value: number | null;
  reason: string | null;
  artifact: string | null;
  cached_from: number | null;
  pid: number | null;
  pid_start: string | null;
  started_at: string;
  finished_at: string | null;
}

const now = (): string => new Date().toISOString();

/** Metrics may hold NaN/±Infinity (a failed trial's report); JSON cannot, so they are tagged. */
function metricsToJson(m: Record<string, number> | null): string | null {
  if (m === null) return null;
  return JSON.stringify(m, (_k, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? { nonFinite: String(v) } : v,
  );
}
function metricsFromJson(s: string | null): Record<string, number> | null {
  if (s === null) return null;
  return JSON.parse(s, (_k, v: unknown) => {
    if (v && typeof v === "object" && "nonFinite" in v) return Number((v as { nonFinite: string }).nonFinite);
    return v;
  }) as Record<string, number>;
}
const finiteOrNull = (v: number | null): number | null => (v === null || Number.isFinite(v) ? v : null);

function runFromDb(r: RunDb): RunRow {
  return {
    id: r.id,
    pipelineFile: r.pipeline_file,
    pipelineName: r.pipeline_name,
    declaration: r.declaration,
    argv: JSON.parse(r.argv) as string[],
    pid: r.pid,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    lockFile: r.lock_file,
  };
}

function trialFromDb(r: TrialDb): TrialRow {
  return {
    id: r.id,
    runId: r.run_id,
    node: r.node,
    index: r.idx,
    attempt: r.attempt,
    key: r.key,
    seed: r.seed,
    params: JSON.parse(r.params) as Params,
    carried: JSON.parse(r.carried) as Record<string, CarriedParam>,
    inputs: JSON.parse(r.inputs) as TrialRow["inputs"],
    status: r.status,
    metrics: metricsFromJson(r.metrics),
    value: r.value,
    reason: r.reason,
    artifact: r.artifact,
    cachedFrom: r.cached_from,
    pid: r.pid,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export class SqliteStore implements Store {
  readonly root: string;
  private readonly db: Database.Database;
  private readonly dirs: { objects: string; tmp: string; logs: string; locks: string };

  constructor(root: string) {
    this.root = path.resolve(root);
    this.dirs = {
      objects: path.join(this.root, "objects"),
      tmp: path.join(this.root, "tmp"),
      logs: path.join(this.root, "logs"),
      locks: path.join(this.root, "locks"),
    };
    for (const d of Object.values(this.dirs)) fs.mkdirSync(d, { recursive: true });
    this.db = new Database(path.join(this.root, "ledger.sqlite"), { timeout: 10_000 });
    try {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = FULL");
      this.db.pragma("foreign_keys = ON");
      this.db.pragma("busy_timeout = 10000");
      migrate(this.db);
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- lock & recovery

  lock(onStale?: (pid: number) => void): StoreLock {
    return acquireLock(path.join(this.root, "dagtune.lock"), onStale);
  }

  /** The live process holding the orchestrator lock, or null (no lock, or a stale one). Not part of the seam. */
  lockHolder(): LockInfo | null {
    const info = readLockInfo(path.join(this.root, "dagtune.lock"));
    if (info === "missing" || holderIsDead(info)) return null;
    return info;
  }

  recoverCrashed(): TrialRow[] {
    const running = this.db.prepare("SELECT * FROM runs WHERE status = 'running' ORDER BY id").all() as RunDb[];
    const dead = running.filter((r) => !processAlive(r.pid, r.pid_start));
    const recovered: TrialRow[] = [];
    const markRun = this.db.prepare("UPDATE runs SET status = 'crashed', finished_at = ? WHERE id = ? AND status = 'running'");
    const markTrials = this.db.prepare(
      "UPDATE trials SET status = 'interrupted', reason = ?, finished_at = ?, value = NULL WHERE run_id = ? AND status = 'running' RETURNING *",
    );
    const tx = this.db.transaction((r: RunDb) => {
      const t = now();
      const rows = markTrials.all(`orchestrator died (pid ${r.pid})`, t, r.id) as TrialDb[];
      markRun.run(t, r.id);
      return rows;
    });
    for (const r of dead) {
      const rows = tx.immediate(r);
      for (const row of rows) {
        killOrphanGroup(row.pid, row.pid_start);
        recovered.push(trialFromDb(row));
      }
    }
    this.cleanTmp();
    return recovered.sort((a, b) => a.id - b.id);
  }

  /**
   * Remove work folders that no live run can still use: folders of trials whose run is
   * not "running" (finished or crashed), of unknown trials, and abandoned commit staging.
   */
  private cleanTmp(): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.dirs.tmp);
    } catch {
      return;
    }
    const runOf = this.db.prepare(
      "SELECT r.status AS status, r.pid AS pid, r.pid_start AS pid_start FROM trials t JOIN runs r ON r.id = t.run_id WHERE t.id = ?",
    );
    for (const name of names) {
      const full = path.join(this.dirs.tmp, name);
      const m = /^t(\d+)-/.exec(name);
      if (m) {
        const run = runOf.get(Number(m[1])) as { status: string; pid: number; pid_start: string | null } | undefined;
        if (run && run.status === "running") continue;
        removeTree(full);
      } else {
        const s = /^\.(?:commit|trash)-(\d+)-/.exec(name);
        // Staging of a commit: only its own (dead) process may have left it behind.
        if (s && !pidExists(Number(s[1]))) removeTree(full);
      }
    }
  }

  // ---------------------------------------------------------------- runs

  beginRun(r: { pipelineFile: string; pipelineName: string; declaration: string; argv: string[] }): RunRow {
    const row = this.db
      .prepare(
        `INSERT INTO runs (pipeline_file, pipeline_name, declaration, argv, pid, pid_start, status, started_at)
         VALUES (?, ?, ?, ?, ?, ?, 'running', ?) RETURNING *`,
      )
      .get(r.pipelineFile, r.pipelineName, r.declaration, JSON.stringify(r.argv), process.pid, processStartTime(process.pid), now()) as RunDb;
    return runFromDb(row);
  }

  finishRun(runId: number, status: RunStatus, lockFile: string | null): void {
    if (!(RUN_STATUSES as readonly string[]).includes(status) || status === "running") {
      throw new Error(`finishRun: ${status} is not a final run status`);
    }
    const res = this.db
      .prepare("UPDATE runs SET status = ?, finished_at = ?, lock_file = ? WHERE id = ? AND status = 'running'")
      .run(status, now(), lockFile, runId);
    if (res.changes !== 1) {
      const cur = this.getRun(runId);
      throw new Error(cur ? `run ${runId} is already ${cur.status}` : `run ${runId} does not exist`);
    }
  }

  lastRun(pipelineFile?: string): RunRow | undefined {
    const row = (
      pipelineFile === undefined
        ? this.db.prepare("SELECT * FROM runs ORDER BY id DESC LIMIT 1").get()
        : this.db.prepare("SELECT * FROM runs WHERE pipeline_file = ? ORDER BY id DESC LIMIT 1").get(pipelineFile)
    ) as RunDb | undefined;
    return row && runFromDb(row);
  }

  getRun(runId: number): RunRow | undefined {
    const row = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(runId) as RunDb | undefined;
    return row && runFromDb(row);
  }

  // ---------------------------------------------------------------- trials

  findSucceeded(key: string): TrialRow | undefined {
    const rows = this.db
      .prepare("SELECT * FROM trials WHERE key = ? AND status = 'succeeded' ORDER BY id DESC")
      .all(key) as TrialDb[];
    for (const r of rows) {
      if (r.artifact !== null && this.artifactIntact(r.artifact)) return trialFromDb(r);
    }
    return undefined;
  }

  beginTrial(t: NewTrial): TrialRow {
    const row = this.db
      .prepare(
        `INSERT INTO trials (run_id, node, idx, attempt, key, seed, params, carried, inputs, status, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?) RETURNING *`,
      )
      .get(
        t.runId, t.node, t.index, t.attempt, t.key, t.seed,
        JSON.stringify(t.params), JSON.stringify(t.carried), JSON.stringify(t.inputs), now(),
      ) as TrialDb;
    return trialFromDb(row);
  }

  setTrialPid(trialId: number, pid: number): void {
    const res = this.db
      .prepare("UPDATE trials SET pid = ?, pid_start = ? WHERE id = ? AND status = 'running'")
      .run(pid, processStartTime(pid), trialId);
    if (res.changes !== 1) throw new TrialFinishedError(trialId, this.statusOf(trialId));
  }

  finishTrial(trialId: number, r: TrialResult): TrialRow {
    if (r.status === "succeeded") {
      if (r.artifact === null || !DIGEST_RE.test(r.artifact)) {
        throw new Error(`finishTrial(${trialId}): a succeeded trial needs its committed artifact digest`);
      }
    }
    const row = this.db
      .prepare(
        `UPDATE trials SET status = ?, metrics = ?, value = ?, reason = ?, artifact = ?, finished_at = ?
         WHERE id = ? AND status = 'running' RETURNING *`,
      )
      .get(r.status, metricsToJson(r.metrics), finiteOrNull(r.value), r.reason, r.artifact, now(), trialId) as TrialDb | undefined;
    if (!row) throw new TrialFinishedError(trialId, this.statusOf(trialId));
    return trialFromDb(row);
  }

  recordCacheHit(t: NewTrial, from: TrialRow, value: number | null = from.value): TrialRow {
    if ((from.status !== "succeeded" && from.status !== "cached") || from.artifact === null) {
      throw new Error(`recordCacheHit: trial ${from.id} is ${from.status}; only a succeeded trial can be reused`);
    }
    const origin = from.cachedFrom ?? from.id;
    const t0 = now();
    const row = this.db
      .prepare(
        `INSERT INTO trials (run_id, node, idx, attempt, key, seed, params, carried, inputs, status,
                             metrics, value, artifact, cached_from, started_at, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'cached', ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        t.runId, t.node, t.index, t.attempt, t.key, t.seed,
        JSON.stringify(t.params), JSON.stringify(t.carried), JSON.stringify(t.inputs),
        metricsToJson(from.metrics), finiteOrNull(value), from.artifact, origin, t0, t0,
      ) as TrialDb;
    return trialFromDb(row);
  }

  trialsOfRun(runId: number): TrialRow[] {
    return (this.db.prepare("SELECT * FROM trials WHERE run_id = ? ORDER BY id").all(runId) as TrialDb[]).map(trialFromDb);
  }

  getTrial(trialId: number): TrialRow | undefined {
    const row = this.db.prepare("SELECT * FROM trials WHERE id = ?").get(trialId) as TrialDb | undefined;
    return row && trialFromDb(row);
  }

  private statusOf(trialId: number): string | null {
    const row = this.db.prepare("SELECT status FROM trials WHERE id = ?").get(trialId) as { status: string } | undefined;
    return row?.status ?? null;
  }

  // ---------------------------------------------------------------- selections

  saveSelection(runId: number, sel: Selection): void {
    this.db
      .prepare(
        `INSERT INTO selections (run_id, node, trial_ids) VALUES (?, ?, ?)
         ON CONFLICT (run_id, node) DO UPDATE SET trial_ids = excluded.trial_ids`,
      )
      .run(runId, sel.node, JSON.stringify(sel.trialIds));
  }

  selectionsOfRun(runId: number): Selection[] {
    const rows = this.db
      .prepare("SELECT node, trial_ids FROM selections WHERE run_id = ? ORDER BY rowid")
      .all(runId) as { node: string; trial_ids: string }[];
    return rows.map((r) => ({ node: r.node, trialIds: JSON.parse(r.trial_ids) as number[] }));
  }

  // ---------------------------------------------------------------- artifacts

  newWorkDir(trialId: number): string {
    if (!Number.isInteger(trialId) || trialId < 0) throw new Error(`newWorkDir: bad trial id ${trialId}`);
    fs.mkdirSync(this.dirs.tmp, { recursive: true });
    return fs.mkdtempSync(path.join(this.dirs.tmp, `t${trialId}-${randomBytes(4).toString("hex")}-`));
  }

  commitArtifact(workDir: string): string {
    const src = path.resolve(workDir);
    if (!fs.statSync(src).isDirectory()) throw new ArtifactError(`commitArtifact: ${workDir} is not a folder`);
    // 1. Move the folder out of the trial's reach: a straggler writing by path can no longer
    //    change what gets hashed. (Across filesystems: copy instead.)
    const staging = path.join(this.dirs.tmp, `.commit-${process.pid}-${randomBytes(6).toString("hex")}`);
    try {
      fs.renameSync(src, staging);
    } catch (e) {
      if (!isErrno(e, "EXDEV")) throw e;
      fs.cpSync(src, staging, { recursive: true, verbatimSymlinks: true });
      removeTree(src);
    }
    try {
      // 2. Hash (and fsync every file and folder) — symlinks/special files are rejected here.
      const manifest = hashDir(staging, { fsync: true });
      const digest = manifest.digest;
      const dest = this.artifactPath(digest);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      // 3. Already stored and intact: reuse it, drop ours. Present but damaged: move it away.
      if (fs.existsSync(dest)) {
        if (this.artifactProblem(digest) === null) {
          removeTree(staging);
          return digest;
        }
        this.discardObject(dest);
      }
      dropWriteBits(staging);
      writeJsonAtomic(manifestPath(dest), manifest);
      // 4. The object path appears only through this rename: never partially.
      try {
        fs.renameSync(staging, dest);
      } catch (e) {
        // Another process committed the same content in the meantime.
        if (!isErrno(e, "ENOTEMPTY", "EEXIST")) throw e;
        if (this.artifactProblem(digest) !== null) throw e;
        removeTree(staging);
        return digest;
      }
      fsyncDir(path.dirname(dest));
      return digest;
    } catch (e) {
      removeTree(staging);
      throw e;
    }
  }

  artifactPath(digest: string): string {
    if (!DIGEST_RE.test(digest)) throw new Error(`not an artifact digest: ${JSON.stringify(digest)}`);
    return path.join(this.dirs.objects, digest.slice(0, 2), digest);
  }

  artifactIntact(digest: string): boolean {
    if (!DIGEST_RE.test(digest)) return false;
    return this.artifactProblem(digest) === null;
  }

  /**
   * Why the stored artifact is not intact, or null if it is. Cost: a listing + size check
   * against the manifest (fails fast on deleted/added/resized files), then a full re-hash
   * of every byte (catches in-place edits). Hashing runs at roughly disk/sha256 speed.
   */
  artifactProblem(digest: string): string | null {
    const dir = this.artifactPath(digest);
    return verifyDir(dir, readManifest(manifestPath(dir)), digest);
  }

  /** The manifest written when the artifact was committed (null if missing/unreadable). */
  artifactManifest(digest: string): Manifest | null {
    return readManifest(manifestPath(this.artifactPath(digest)));
  }

  private discardObject(dest: string): void {
    const trash = path.join(this.dirs.tmp, `.trash-${process.pid}-${randomBytes(6).toString("hex")}`);
    try {
      fs.renameSync(dest, trash);
    } catch (e) {
      if (!isErrno(e, "ENOENT")) throw e;
    }
    removeTree(trash);
  }

  logPaths(trialId: number): { stdout: string; stderr: string } {
    fs.mkdirSync(this.dirs.logs, { recursive: true });
    return {
      stdout: path.join(this.dirs.logs, `${trialId}.stdout`),
      stderr: path.join(this.dirs.logs, `${trialId}.stderr`),
    };
  }

  locksDir(): string {
    fs.mkdirSync(this.dirs.locks, { recursive: true });
    return this.dirs.locks;
  }

  /** Run raw SQL reads/writes (tests, diagnostics). Not part of the Store seam. */
  get database(): Database.Database {
    return this.db;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function manifestPath(objectDir: string): string {
  return `${objectDir}.manifest.json`;
}

function readManifest(file: string): Manifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
    return Array.isArray(m.entries) && typeof m.digest === "string" ? m : null;
  } catch {
    return null;
  }
}

/** Make committed files read-only (a downstream task reading {inputs.X} should not edit it). */
function dropWriteBits(dir: string): void {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) dropWriteBits(p);
    else if (d.isFile()) fs.chmodSync(p, fs.statSync(p).mode & 0o555);
  }
}

/**
 * SIGKILL the process group of a trial left running by a dead orchestrator. The group id
 * is the leader's PID. If the leader is alive with another start time, the PID was reused
 * (and the old group is gone, since Linux does not reuse a PID still used as a group id).
 */
function killOrphanGroup(pgid: number | null, startTime: string | null): void {
  if (pgid === null || pgid <= 1 || pgid === process.pid) return;
  if (pidExists(pgid) && !processAlive(pgid, startTime)) return;
  if (!processGroupExists(pgid)) return;
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    /* gone meanwhile, or not ours */
  }
}
