/**
 * Where each key of a JSON text sits: dotted path ("properties.name.bsonType", array
 * items by index, "items.0") → 1-based line. Problems that name a path inside the schema
 * can then be shown on their line. Text that stops parsing gives the paths read so far.
 */
export function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;

  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) {
      if (text[i] === "\n") line++;
      i++;
    }
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text[i] === "\n") throw new Error("newline in string");
      i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Error("expected a key");
        const keyLine = line;
        const key = string();
        const child = path === "" ? key : `${path}.${key}`;
        if (!lines.has(child)) lines.set(child, keyLine);
        ws();
        if (text[i++] !== ":") throw new Error("expected :");
        value(child);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else throw new Error("expected , or }");
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (let index = 0; ; index++) {
        ws();
        const child = path === "" ? String(index) : `${path}.${index}`;
        lines.set(child, line);
        value(child);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else throw new Error("expected , or ]");
      }
    }
    if (c === '"') return void string();
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!literal) throw new Error("unexpected value");
    i += literal[0].length;
  };

  try {
    value("");
  } catch {
    // Keep what was read: the editor marks the syntax error itself.
  }
  return lines;
}

/**
 * The line a schema problem is about. Problems start with the keyword's path inside the
 * schema ("properties.name.bsonType: unknown type …"); root problems name no path, so
 * they point at the root keyword they are about. The nearest enclosing key that exists
 * stands in for a path the text does not have.
 */
export function problemLine(message: string, lines: Map<string, number>): number | undefined {
  let path: string | undefined;
  if (/^root must have bsonType/.test(message)) path = "bsonType";
  else if (/^root must have type/.test(message)) path = "type";
  else if (/^type and bsonType cannot be used together/.test(message)) path = "type";
  else {
    const m = /^([\w$@-]+(?:\.[\w$@-]+)*)(?::|\s)/.exec(message);
    if (!m) return undefined;
    path = m[1];
    if (/: type and bsonType cannot be used together/.test(message)) path += ".type";
  }
  for (let p: string = path; p !== ""; p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "") {
    const found = lines.get(p);
    if (found !== undefined) return found;
  }
  return undefined;
}
