import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { openStore, ArtifactError, hashDir } from "../../src/store/index.js";
import { tempDir, writeTree } from "./helpers.js";

const sha = (s: string | Buffer): string => createHash("sha256").update(s).digest("hex");

test("folder digest follows the documented recipe and ignores location and mtimes", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const a = path.join(dir, "a");
  const b = path.join(dir, "elsewhere", "deeper b");
  writeTree(a, { "model.bin": "hello", "sub/metrics.json": '{"auc":0.8}' });
  writeTree(b, { "sub/metrics.json": '{"auc":0.8}', "model.bin": "hello" });
  fs.utimesSync(path.join(b, "model.bin"), new Date(0), new Date(0));
  const expected = sha(
    `F model.bin 5 ${sha("hello")}\n` + "D sub\n" + `F sub/metrics.json 11 ${sha('{"auc":0.8}')}\n`,
  );
  const ma = hashDir(a);
  assert.equal(ma.digest, expected);
  assert.equal(hashDir(b).digest, expected);
  assert.equal(ma.files, 2);
  assert.equal(ma.bytes, 16);
  assert.deepEqual(ma.entries.map((e) => e.path), ["model.bin", "sub", "sub/metrics.json"]);
});

test("one changed byte, a renamed file or an extra empty folder changes the digest", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const mk = (name: string, files: Record<string, string>, emptyDir?: string): string => {
    const p = path.join(dir, name);
    writeTree(p, files);
    if (emptyDir) fs.mkdirSync(path.join(p, emptyDir));
    return hashDir(p).digest;
  };
  const d0 = mk("0", { "w.bin": "abcdef", "x.txt": "1" });
  const digests = [
    d0,
    mk("1", { "w.bin": "abcdeg", "x.txt": "1" }),
    mk("2", { "w2.bin": "abcdef", "x.txt": "1" }),
    mk("3", { "w.bin": "abcdef", "x.txt": "1" }, "empty"),
    mk("4", { "w.bin": "abcdef" }),
  ];
  assert.equal(new Set(digests).size, 5);
  assert.equal(mk("5", { "x.txt": "1", "w.bin": "abcdef" }), d0);
});

test("commitArtifact moves the work folder into objects/<aa>/<digest> and reuses existing content", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(path.join(dir, "store"));
  t.after(() => store.close());
  const w1 = store.newWorkDir(1);
  const w2 = store.newWorkDir(1);
  assert.notEqual(w1, w2);
  assert.equal(path.dirname(w1), path.join(store.root, "tmp"));
  assert.match(path.basename(w1), /^t1-[0-9a-f]{8}-/);
  writeTree(w1, { "ckpt/model.bin": Buffer.from([0, 1, 2, 255]), "metrics.json": "{}" });
  writeTree(w2, { "metrics.json": "{}", "ckpt/model.bin": Buffer.from([0, 1, 2, 255]) });
  const expect = hashDir(w1).digest;

  const d1 = store.commitArtifact(w1);
  assert.equal(d1, expect);
  assert.equal(fs.existsSync(w1), false, "work dir is moved away");
  const obj = store.artifactPath(d1);
  assert.equal(obj, path.join(store.root, "objects", d1.slice(0, 2), d1));
  assert.deepEqual([...fs.readFileSync(path.join(obj, "ckpt/model.bin"))], [0, 1, 2, 255]);
  assert.equal(store.artifactIntact(d1), true);
  assert.equal(store.artifactManifest(d1)?.files, 2);

  const d2 = store.commitArtifact(w2);
  assert.equal(d2, d1);
  assert.equal(fs.existsSync(w2), false, "duplicate content is dropped");
  assert.deepEqual(fs.readdirSync(path.join(store.root, "tmp")), [], "no staging left behind");
});

test("a work folder with a symlink is rejected and nothing enters the object store", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(path.join(dir, "store"));
  t.after(() => store.close());
  const w = store.newWorkDir(4);
  writeTree(w, { "ckpt-10.bin": "x" });
  fs.symlinkSync("ckpt-10.bin", path.join(w, "latest.bin"));
  assert.throws(() => store.commitArtifact(w), (e: unknown) => e instanceof ArtifactError && /latest\.bin -> ckpt-10\.bin/.test(e.message));
  assert.deepEqual(fs.readdirSync(path.join(store.root, "objects")), []);
  assert.deepEqual(fs.readdirSync(path.join(store.root, "tmp")), []);
});

test("artifactIntact is false after a modified byte, a deleted file, an added file or a deleted folder", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(path.join(dir, "store"));
  t.after(() => store.close());
  const commit = (tag: string): string => {
    const w = store.newWorkDir(9);
    writeTree(w, { "a.bin": `payload-${tag}`, "b/c.txt": "ccc" });
    return store.commitArtifact(w);
  };
  const modified = commit("m");
  const p = path.join(store.artifactPath(modified), "a.bin");
  fs.chmodSync(p, 0o644);
  fs.writeFileSync(p, "payload-M"); // same size, one byte differs
  assert.equal(store.artifactIntact(modified), false);
  assert.equal(store.artifactProblem(modified), "a.bin was modified");

  const deleted = commit("d");
  fs.rmSync(path.join(store.artifactPath(deleted), "b/c.txt"));
  assert.equal(store.artifactIntact(deleted), false);
  assert.equal(store.artifactProblem(deleted), "missing b/c.txt");

  const added = commit("a");
  fs.writeFileSync(path.join(store.artifactPath(added), "junk"), "");
  assert.equal(store.artifactProblem(added), "unexpected file junk");

  const gone = commit("g");
  fs.rmSync(store.artifactPath(gone), { recursive: true });
  assert.equal(store.artifactProblem(gone), "artifact folder is missing");

  assert.equal(store.artifactIntact("not-a-digest"), false);

  // Committing the same content again repairs the damaged object.
  const w = store.newWorkDir(10);
  writeTree(w, { "a.bin": "payload-m", "b/c.txt": "ccc" });
  assert.equal(store.commitArtifact(w), modified);
  assert.equal(store.artifactIntact(modified), true);
});

test("committed files are read-only", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(path.join(dir, "store"));
  t.after(() => store.close());
  const w = store.newWorkDir(2);
  writeTree(w, { "run.sh": "#!/bin/sh\n" });
  fs.chmodSync(path.join(w, "run.sh"), 0o755);
  const d = store.commitArtifact(w);
  assert.equal(fs.statSync(path.join(store.artifactPath(d), "run.sh")).mode & 0o777, 0o555);
});
