import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv2020Module from "ajv/dist/2020.js";
import { parse } from "yaml";
import { PIPELINE_SCHEMA } from "../../src/spec/schemaObject.js";
import { schemaText } from "../../src/cli/schema.js";

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default;
const root = new URL("../../../", import.meta.url);

test("schema/pipeline.schema.json is exactly what `dagtune schema` prints (regenerate: dagtune schema > schema/pipeline.schema.json)", () => {
  const file = readFileSync(new URL("schema/pipeline.schema.json", root), "utf8");
  assert.equal(file, schemaText());
  assert.deepEqual(JSON.parse(file), PIPELINE_SCHEMA);
});

test("the shipped schema is valid 2020-12 and accepts the example pipelines (as an editor would use it)", () => {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(readFileSync(new URL("schema/pipeline.schema.json", root), "utf8")) as object);
  for (const f of ["pipelines/kd_dagfm.yaml", "pipelines/kd_dagfm_ml100k.yaml"]) {
    const text = readFileSync(new URL(f, root), "utf8");
    assert.ok(text.startsWith("# yaml-language-server: $schema=../schema/pipeline.schema.json"), f);
    assert.equal(validate(parse(text)), true, `${f}: ${JSON.stringify(validate.errors)}`);
  }
  assert.equal(validate({ version: 1, nodes: { a: { task: "shell", bogus: 1 } } }), false);
});
