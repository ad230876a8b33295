import { test } from "node:test";
import assert from "node:assert/strict";
import { renderDiagnostic, renderDiagnostics, summary, useColor } from "../../src/report/diagnostics.js";
import type { Diagnostic } from "../../src/spec/diagnostic.js";

const src = "version: 1\nnodes:\n  a:\n    params: {lr: \"1e-5\"}\n";
const d: Diagnostic = {
  severity: "error",
  code: "E_PARAM_TYPE",
  message: 'param "lr": expected number, got string "1e-5"',
  loc: { file: "p.yaml", line: 4, col: 18, len: 6 },
  hint: "remove the quotes: 1e-5",
  related: [{ message: "node here", loc: { file: "p.yaml", line: 3, col: 3 } }],
};

test("renderDiagnostic: head, source line, caret under the column, hint, related", () => {
  const out = renderDiagnostic(d, { sources: { "p.yaml": src } });
  assert.equal(
    out,
    [
      'p.yaml:4:18: error E_PARAM_TYPE: param "lr": expected number, got string "1e-5"',
      ' 4 |     params: {lr: "1e-5"}',
      "   |                  ^~~~~~",
      "  hint: remove the quotes: 1e-5",
      "  note: p.yaml:3:3: node here",
      "   3 |   a:",
      "     |   ^",
    ].join("\n"),
  );
});

test("no source: head and hint only; no loc: `dagtune:` prefix", () => {
  assert.equal(renderDiagnostic({ ...d, related: [] }), 'p.yaml:4:18: error E_PARAM_TYPE: param "lr": expected number, got string "1e-5"\n  hint: remove the quotes: 1e-5');
  assert.equal(renderDiagnostic({ severity: "error", code: "E_BAD_SET", message: "x" }), "dagtune: error E_BAD_SET: x");
});

test("caret keeps tabs so it lines up", () => {
  const out = renderDiagnostic({ severity: "error", code: "E_TAB_INDENT", message: "t", loc: { file: "f", line: 1, col: 3 } }, { sources: { f: "\t\tx: 1\n" } });
  assert.equal(out.split("\n")[2], "   | \t\t^");
});

test("colour only when asked; summary counts", () => {
  assert.ok(!renderDiagnostic(d).includes("\u001b["));
  assert.ok(renderDiagnostic(d, { color: true }).includes("\u001b["));
  assert.equal(summary([d, { ...d, severity: "warning" }]), "1 error, 1 warning");
  assert.match(renderDiagnostics([d]), /\n\n1 error, 0 warnings\n$/);
});

test("useColor: TTY unless NO_COLOR; FORCE_COLOR forces", () => {
  assert.equal(useColor({ isTTY: true }, {}), true);
  assert.equal(useColor({ isTTY: false }, {}), false);
  assert.equal(useColor({ isTTY: true }, { NO_COLOR: "1" }), false);
  assert.equal(useColor({ isTTY: false }, { FORCE_COLOR: "1" }), true);
});
