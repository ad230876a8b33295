import { test } from "node:test";
import assert from "node:assert/strict";
import { receivedParams } from "../../src/engine/carry.js";
import { TASKS } from "../../src/tasks/registry.js";

test("distill receives the teacher's embedding_size as is, and its depth/model renamed", () => {
  const teacher = { node: "teacher", index: 3, params: { model: "crossnet", embedding_size: 16, depth: 2, learning_rate: 0.01 }, carried: {} };
  const got = receivedParams(teacher, ["embedding_size", "model", "depth"], TASKS["ctr.distill"]!, "teacher");
  assert.deepEqual(got, {
    embedding_size: { value: 16, from: "teacher@3", origin: "teacher" },
    teacher_model: { value: "crossnet", from: "teacher@3", origin: "teacher" },
    teacher_depth: { value: 2, from: "teacher@3", origin: "teacher" },
  });
});

test("a carried param keeps its origin across hops; shell receives everything", () => {
  const distill = {
    node: "distill",
    index: 5,
    params: { embedding_size: 16, type: "outer", depth: 3 },
    carried: { embedding_size: { value: 16, from: "teacher@3", origin: "teacher" } },
  };
  const got = receivedParams(distill, ["embedding_size", "type", "depth"], TASKS.shell!, "student");
  assert.deepEqual(got.embedding_size, { value: 16, from: "distill@5", origin: "teacher" });
  assert.deepEqual(got.type, { value: "outer", from: "distill@5", origin: "distill" });
});
