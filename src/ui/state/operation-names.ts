/**
 * Operation names read straight from GraphQL text, without a parser: enough to title a
 * tab or a history entry while the text is still being typed (and so may not parse).
 */

/** The names of the document's named operations, in order. */
export function operationNames(query: string): string[] {
  const names: string[] = [];
  const pattern = /\b(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g;
  for (const match of withoutCommentsAndStrings(query).matchAll(pattern)) names.push(match[2]);
  return names;
}

/** The name to show for a document: the chosen operation, else its first named one; undefined when none has a name. */
export function operationTitle(query: string, operationName?: string): string | undefined {
  if (operationName) return operationName;
  return operationNames(query)[0];
}

/** The first line with something on it that is not a comment: what to show for an anonymous operation. */
export function firstMeaningfulLine(query: string): string {
  for (const line of query.split("\n")) {
    const text = line.replace(/#.*$/, "").trim();
    if (text) return text;
  }
  return "";
}

function withoutCommentsAndStrings(query: string): string {
  return query.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, " ");
}
