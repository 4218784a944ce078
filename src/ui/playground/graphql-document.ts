/**
 * What the playground needs to know about a GraphQL document, without a schema: its
 * operations (to choose which one runs) and a prettified text that keeps the comments
 * (graphql-js `print` drops them).
 */
import { GraphQLError, Kind, Lexer, parse, print, Source, TokenKind, type Token } from "graphql";

export interface OperationInfo {
  /** Undefined for an anonymous operation (only allowed when it is the only one). */
  name?: string;
  kind: "query" | "mutation" | "subscription";
  start: number;
  end: number;
}

export interface DocumentInfo {
  operations: OperationInfo[];
  /** The syntax error, with its 1-based position, when the text does not parse. */
  syntaxError?: { message: string; line?: number; column?: number };
}

export function describeDocument(text: string): DocumentInfo {
  if (text.trim() === "") return { operations: [] };
  try {
    const document = parse(text);
    const operations: OperationInfo[] = [];
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      operations.push({ name: definition.name?.value, kind: definition.operation, start: definition.loc?.start ?? 0, end: definition.loc?.end ?? text.length });
    }
    return { operations };
  } catch (error) {
    const location = error instanceof GraphQLError ? error.locations?.[0] : undefined;
    return { operations: [], syntaxError: { message: (error as Error).message, line: location?.line, column: location?.column } };
  }
}

/** The operation the cursor is in, else the nearest one before it, else the first. */
export function operationAt(operations: OperationInfo[], offset: number): OperationInfo | undefined {
  let best: OperationInfo | undefined;
  for (const op of operations) if (op.start <= offset) best = op;
  return best ?? operations[0];
}

export interface Prettified {
  text: string;
  /** True when comments could not be placed and were left out. */
  droppedComments: boolean;
}

/**
 * The document as graphql-js prints it, with every comment put back: a comment on the
 * line of a token stays after that token's line; a comment on a line of its own goes on a
 * line before the token that followed it. Throws the syntax error when the text does not parse.
 */
export function prettify(text: string): Prettified {
  const printed = print(parse(text));
  const original = allTokens(text);
  const comments = original.filter((t) => t.kind === TokenKind.COMMENT);
  if (comments.length === 0) return { text: printed, droppedComments: false };

  // Match the original's tokens to the printed ones; print leaves out only the `query`
  // keyword of an anonymous query.
  const printedTokens = allTokens(printed).filter((t) => t.kind !== TokenKind.COMMENT);
  const matched = new Map<Token, Token>();
  let p = 0;
  for (const token of original) {
    if (token.kind === TokenKind.COMMENT) continue;
    const candidate = printedTokens[p];
    if (candidate && candidate.kind === token.kind && candidate.value === token.value) {
      matched.set(token, candidate);
      p++;
    } else if (!(token.kind === TokenKind.NAME && token.value === "query")) {
      return { text: printed, droppedComments: true };
    }
  }

  const inserts: { at: number; text: string; order: number }[] = [];
  comments.forEach((comment, order) => {
    const before = previousSignificant(comment);
    const trailing = before && before.kind !== TokenKind.SOF && before.line === comment.line;
    if (trailing) {
      const target = matchedOrNear(before, matched, "back");
      const at = target ? lineEnd(printed, target.end) : 0;
      inserts.push({ at, text: ` #${comment.value}`, order });
      return;
    }
    const after = nextSignificant(comment);
    const target = after ? matchedOrNear(after, matched, "forward") : undefined;
    if (!target || target.kind === TokenKind.EOF) {
      inserts.push({ at: printed.length, text: `\n#${comment.value}`, order });
      return;
    }
    const start = lineStart(printed, target.start);
    const indent = /^[ \t]*/.exec(printed.slice(start))![0];
    if (start + indent.length === target.start) inserts.push({ at: target.start, text: `#${comment.value}\n${indent}`, order });
    else inserts.push({ at: target.start, text: `\n${indent}  #${comment.value}\n${indent}  `, order });
  });

  inserts.sort((a, b) => a.at - b.at || a.order - b.order);
  let out = "";
  let last = 0;
  for (const insert of inserts) {
    out += printed.slice(last, insert.at) + insert.text;
    last = insert.at;
  }
  out += printed.slice(last);
  return { text: out, droppedComments: false };
}

/** Every token of the text, comments included, from SOF to EOF. */
function allTokens(text: string): Token[] {
  const lexer = new Lexer(new Source(text));
  while (lexer.advance().kind !== TokenKind.EOF) {
    // Reading ahead links every token, comments too.
  }
  const tokens: Token[] = [];
  for (let token: Token | null = lexer.token; token; token = token.prev) tokens.unshift(token);
  return tokens;
}

function previousSignificant(token: Token): Token | undefined {
  let t = token.prev;
  while (t && t.kind === TokenKind.COMMENT) t = t.prev;
  return t ?? undefined;
}

function nextSignificant(token: Token): Token | undefined {
  let t = token.next;
  while (t && t.kind === TokenKind.COMMENT) t = t.next;
  return t ?? undefined;
}

/** The printed token of `token`, or of the nearest matched one in the given direction. */
function matchedOrNear(token: Token, matched: Map<Token, Token>, direction: "back" | "forward"): Token | undefined {
  for (let t: Token | null = token; t; t = direction === "back" ? t.prev : t.next) {
    if (t.kind === TokenKind.EOF) return t;
    const hit = matched.get(t);
    if (hit) return hit;
  }
  return undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf("\n", offset);
  return end === -1 ? text.length : end;
}
