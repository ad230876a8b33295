import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temp folder with the given files (name -> content). */
export function writeFixture(files: Record<string, string>, sub = ""): string {
  const root = mkdtempSync(join(tmpdir(), "dagtune-data-"));
  const dir = sub ? join(root, sub) : root;
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export const tsv = (rows: (string | number)[][]): string => rows.map((r) => r.join("\t")).join("\n") + "\n";

/**
 * A tiny RecBole dataset "tiny": 12 interactions of 4 users x 4 items.
 * ratings: 5,4,3,2,1,5,3,4,2,5,1,4 -> with {threshold 4, drop [3]}: 10 rows, 6 positive.
 */
export function tinyRecbole(): Record<string, string> {
  const ratings = [5, 4, 3, 2, 1, 5, 3, 4, 2, 5, 1, 4];
  const inter: (string | number)[][] = [["user_id:token", "item_id:token", "rating:float", "timestamp:float"]];
  ratings.forEach((r, i) => inter.push([`u${i % 4}`, `i${(i * 3) % 4}`, r, 1000 + i]));
  return {
    "tiny.inter": tsv(inter),
    "tiny.user": tsv([["user_id:token", "age:float", "gender:token"], ["u0", 20, "F"], ["u1", 30, "M"], ["u2", "", "M"], ["u3", 50, ""]]),
    "tiny.item": tsv([
      ["item_id:token", "class:token_seq", "year:token"],
      ["i0", "Action Comedy", 1995],
      ["i1", "Drama", 1990],
      ["i2", "", 1995],
      ["i3", "Action Drama Thriller", 1980],
    ]),
  };
}
