import type { Command } from "commander";
import { PIPELINE_SCHEMA } from "../spec/schemaObject.js";

/** The schema as shipped in schema/pipeline.schema.json (a test keeps them identical). */
export function schemaText(): string {
  return JSON.stringify(PIPELINE_SCHEMA, null, 2) + "\n";
}

/** `dagtune schema`: print the pipeline JSON Schema (2020-12), for editors. */
export function register(program: Command): void {
  program
    .command("schema")
    .description("print the pipeline file's JSON Schema (2020-12)")
    .action(() => {
      process.stdout.write(schemaText());
    });
}
