/**
 * Where each value of a JSON text starts, by the location deploy uses in its messages
 * (`roles[0].apply_when`, `roles[1].fields.name.read`), so a problem can be put on its
 * line in the JSON view. Stops quietly at the first syntax error: the part before it
 * is still located.
 */
export function jsonLocations(text: string): Map<string, number> {
  return scanJson(text).lines;
}

/** The locations, and where the first syntax error is (1-based line and column), if any. */
export function scanJson(text: string): { lines: Map<string, number>; error?: { line: number; column: number } } {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) {
      if (text[i] === "\n") line++;
      i++;
    }
  };
  const fail = (): never => {
    throw new Stop();
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\n") fail();
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail();
    }
  };
  const value = (at: string): void => {
    ws();
    if (at && !lines.has(at)) lines.set(at, line);
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const keyLine = line;
        const key = string();
        const child = at ? `${at}.${key}` : key;
        lines.set(child, keyLine);
        ws();
        if (text[i] !== ":") fail();
        i++;
        value(child);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${at}[${n}]`);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value("");
    ws();
    if (i < text.length) fail();
    return { lines };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, i).split("\n");
    return { lines, error: { line: before.length, column: before[before.length - 1].length + 1 } };
  }
}

class Stop extends Error {}
