/**
 * Where JSON text first goes wrong. V8's JSON.parse messages carry a position only for
 * some errors ("Unexpected token '}', ...\"context\"... is not valid JSON" has none), so
 * a failed parse is re-scanned here to tell the user exactly where to look.
 */
export function jsonErrorPosition(text: string): number {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.skipSpace();
    return scanner.pos < text.length ? scanner.pos : -1;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.position;
    throw error;
  }
}

class SyntaxAt extends Error {
  constructor(readonly position: number) {
    super(`JSON syntax error at ${position}`);
  }
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (" \t\n\r".includes(this.text[this.pos] ?? "x")) this.pos++;
  }

  private fail(): never {
    throw new SyntaxAt(this.pos);
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) this.fail();
    this.pos++;
  }

  value(): void {
    this.skipSpace();
    const char = this.text[this.pos];
    if (char === "{") return this.container("}", true);
    if (char === "[") return this.container("]", false);
    if (char === '"') return this.string();
    for (const word of ["true", "false", "null"]) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!number) this.fail();
    this.pos += number[0].length;
  }

  private container(close: string, keyed: boolean): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      if (keyed) {
        this.skipSpace();
        if (this.text[this.pos] !== '"') this.fail();
        this.string();
        this.skipSpace();
        this.expect(":");
      }
      this.value();
      this.skipSpace();
      if (this.text[this.pos] === ",") this.pos++;
      else return this.expect(close);
    }
  }

  private string(): void {
    this.pos++;
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined || char < " ") this.fail();
      if (char === '"') {
        this.pos++;
        return;
      }
      if (char === "\\") {
        const escape = this.text[this.pos + 1] ?? "";
        if (escape === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail();
          this.pos += 6;
        } else if ('"\\/bfnrt'.includes(escape) && escape !== "") this.pos += 2;
        else this.fail();
      } else this.pos++;
    }
  }
}
