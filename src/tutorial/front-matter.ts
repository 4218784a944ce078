/**
 * The front matter of a step's index.md: a small subset of YAML, enough for step
 * metadata without a YAML library in the page. It reads block maps and lists nested by
 * indentation, `|` literal blocks, and scalars: "double quoted" (JSON rules), 'single
 * quoted', true, false, numbers, null, [] and {}; anything else is a plain string.
 * Lines starting with `#` are comments. Flow collections other than [] and {}, anchors
 * and inline comments are not read: quote a value that starts with `#`, `{` or `[`.
 */

export class FrontMatterError extends Error {
  constructor(
    message: string,
    /** 1-based line within the front matter. */
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

interface Line {
  indent: number;
  text: string;
  /** 1-based. */
  number: number;
}

/** Splits `---\n<front matter>\n---\n<body>`; without front matter, all of it is the body. */
export function splitFrontMatter(markdown: string): { frontMatter: string | undefined; body: string } {
  const text = markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!text.startsWith("---\n")) return { frontMatter: undefined, body: text };
  const end = text.indexOf("\n---", 3);
  if (end < 0) return { frontMatter: undefined, body: text };
  const after = text.indexOf("\n", end + 4);
  return { frontMatter: text.slice(4, end + 1), body: after < 0 ? "" : text.slice(after + 1).replace(/^\n+/, "") };
}

export function parseFrontMatter(source: string): unknown {
  const raw = source.replace(/\r\n?/g, "\n").split("\n");
  const lines: Line[] = raw.map((text, i) => ({ indent: text.length - text.trimStart().length, text: text.trimEnd(), number: i + 1 }));
  const parser = new Parser(lines);
  parser.skipBlank();
  if (parser.done()) return {};
  const value = parser.block(parser.peek().indent);
  parser.skipBlank();
  if (!parser.done()) throw new FrontMatterError("unexpected indentation", parser.peek().number);
  return value;
}

class Parser {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.i >= this.lines.length;
  }

  peek(): Line {
    return this.lines[this.i];
  }

  /** Moves past empty lines and comment lines. */
  skipBlank(): void {
    while (!this.done() && (this.peek().text.trim() === "" || this.peek().text.trimStart().startsWith("#"))) this.i++;
  }

  block(indent: number): unknown {
    const line = this.peek();
    return isListItem(line.text.trimStart()) ? this.list(indent) : this.map(indent);
  }

  private list(indent: number): unknown[] {
    const items: unknown[] = [];
    for (this.skipBlank(); !this.done() && this.peek().indent === indent && isListItem(this.peek().text.trimStart()); this.skipBlank()) {
      const line = this.peek();
      const content = line.text.trimStart().slice(1).trimStart();
      if (content === "") {
        this.i++;
        items.push(this.nested(indent));
      } else if (keyOf(content)) {
        // "- key: value": a map whose keys line up with the first one, after the dash.
        const column = line.text.length - content.length;
        this.lines[this.i] = { ...line, indent: column, text: " ".repeat(column) + content };
        items.push(this.map(column));
      } else {
        this.i++;
        items.push(scalar(content, line.number));
      }
    }
    return items;
  }

  private map(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (this.skipBlank(); !this.done() && this.peek().indent === indent; this.skipBlank()) {
      const line = this.peek();
      const trimmed = line.text.trimStart();
      if (isListItem(trimmed)) break;
      const key = keyOf(trimmed);
      if (!key) throw new FrontMatterError(`expected "key: value", found "${trimmed}"`, line.number);
      if (key.name in map) throw new FrontMatterError(`the key "${key.name}" appears twice`, line.number);
      this.i++;
      if (key.rest === "|" || key.rest === "|-") map[key.name] = this.literal(indent, key.rest === "|-");
      else if (key.rest !== "") map[key.name] = scalar(key.rest, line.number);
      else map[key.name] = this.nested(indent, true);
    }
    if (!this.done() && this.peek().indent > indent) throw new FrontMatterError("unexpected indentation", this.peek().number);
    return map;
  }

  /** The value under a key or dash that ended its line: a deeper block, a list at the key's indent, or null. */
  private nested(indent: number, listAtSameIndent = false): unknown {
    this.skipBlank();
    if (this.done()) return null;
    const next = this.peek();
    if (next.indent > indent) return this.block(next.indent);
    if (listAtSameIndent && next.indent === indent && isListItem(next.text.trimStart())) return this.list(indent);
    return null;
  }

  /** A `|` block: the following lines indented deeper than the key, their common indent removed. */
  private literal(indent: number, chomp: boolean): string {
    const taken: Line[] = [];
    while (!this.done() && (this.peek().text.trim() === "" || this.peek().indent > indent)) taken.push(this.lines[this.i++]);
    while (taken.length && taken[taken.length - 1].text.trim() === "") taken.pop();
    const margin = Math.min(...taken.filter((l) => l.text.trim() !== "").map((l) => l.indent));
    const text = taken.map((l) => l.text.slice(margin)).join("\n");
    return chomp || text === "" ? text : `${text}\n`;
  }
}

function isListItem(trimmed: string): boolean {
  return trimmed === "-" || trimmed.startsWith("- ");
}

function keyOf(text: string): { name: string; rest: string } | undefined {
  const quoted = /^"((?:[^"\\]|\\.)*)"\s*:(?:\s+(.*))?$/.exec(text);
  if (quoted) return { name: JSON.parse(`"${quoted[1]}"`) as string, rest: (quoted[2] ?? "").trim() };
  const plain = /^([A-Za-z_][\w.-]*)\s*:(?:\s+(.*))?$/.exec(text);
  return plain ? { name: plain[1], rest: (plain[2] ?? "").trim() } : undefined;
}

function scalar(text: string, line: number): unknown {
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      throw new FrontMatterError(`the quoted text ${text} is not closed or has a bad escape`, line);
    }
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new FrontMatterError(`the quoted text ${text} is not closed`, line);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text === "[]") return [];
  if (text === "{}") return {};
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null" || text === "~") return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^[[{]/.test(text)) throw new FrontMatterError(`flow collections are not read; write ${text} as an indented block or quote it`, line);
  return text;
}
