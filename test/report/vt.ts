/**
 * A tiny terminal emulator for tests: enough of VT100 to replay what the live reporter writes
 * (printable text with auto-wrap, \n, \r, CSI n A, CSI K, CSI J; colours and cursor visibility ignored).
 */
export class VirtualTerminal {
  rows: string[][] = [[]];
  r = 0;
  c = 0;
  constructor(public cols: number) {}

  write(s: string): void {
    let i = 0;
    while (i < s.length) {
      const ch = s[i]!;
      if (ch === "\x1b") {
        const m = /^\x1b\[([0-9;?]*)([A-Za-z])/.exec(s.slice(i, i + 16));
        if (!m) throw new Error(`unsupported escape at ${JSON.stringify(s.slice(i, i + 10))}`);
        this.csi(m[1]!, m[2]!);
        i += m[0].length;
        continue;
      }
      if (ch === "\n") {
        this.r++;
        this.c = 0;
        this.row();
      } else if (ch === "\r") {
        this.c = 0;
      } else {
        if (this.c >= this.cols) {
          this.r++;
          this.c = 0;
        }
        const row = this.row();
        while (row.length < this.c) row.push(" ");
        row[this.c] = ch;
        this.c++;
      }
      i += ch.length;
    }
  }

  private row(): string[] {
    while (this.rows.length <= this.r) this.rows.push([]);
    return this.rows[this.r]!;
  }

  private csi(arg: string, cmd: string): void {
    switch (cmd) {
      case "A":
        this.r = Math.max(0, this.r - Number(arg || "1"));
        return;
      case "K":
        this.row().length = Math.min(this.row().length, this.c);
        return;
      case "J":
        this.row().length = Math.min(this.row().length, this.c);
        this.rows.length = this.r + 1;
        return;
      case "m":
      case "l":
      case "h":
        return;
      default:
        throw new Error(`unsupported CSI ${arg}${cmd}`);
    }
  }

  /** The screen as text lines, trailing empty lines dropped. */
  lines(): string[] {
    const out = this.rows.map((r) => r.join("").trimEnd());
    while (out.length && out.at(-1) === "") out.pop();
    return out;
  }
}
