/**
 * Narrows an SDL to what matches a search: a type whose name matches is kept whole; of
 * the other types, only the fields, arguments' fields and enum values that match are
 * kept. So "Task" shows the Task type and every field named after it.
 */
import { Kind, parse, print, type DefinitionNode, type DocumentNode } from "graphql";

export interface FilteredSdl {
  text: string;
  /** Definitions shown. */
  types: number;
}

export function filterSdl(sdl: string, term: string): FilteredSdl {
  const needle = term.trim().toLowerCase();
  if (!needle) return { text: sdl, types: -1 };
  let document: DocumentNode;
  try {
    document = parse(sdl, { noLocation: true });
  } catch {
    // Not parseable (should not happen for generated SDL): fall back to matching lines.
    const lines = sdl.split("\n").filter((l) => l.toLowerCase().includes(needle));
    return { text: lines.join("\n"), types: lines.length };
  }
  const matches = (name: string) => name.toLowerCase().includes(needle);
  // Ranked: the type named exactly so first, then types whose name matches, then fields.
  const ranked: [number, DefinitionNode][] = [];
  const keep = (rank: number, node: DefinitionNode) => ranked.push([rank, node]);
  for (const definition of document.definitions) {
    if (!("name" in definition) || !definition.name) continue;
    if (matches(definition.name.value)) {
      keep(definition.name.value.toLowerCase() === needle ? 0 : 1, definition);
      continue;
    }
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION: {
        const fields = (definition.fields ?? []).filter((f) => matches(f.name.value));
        if (fields.length) keep(2, { ...definition, fields } as DefinitionNode);
        break;
      }
      case Kind.ENUM_TYPE_DEFINITION: {
        const values = (definition.values ?? []).filter((v) => matches(v.name.value));
        if (values.length) keep(2, { ...definition, values });
        break;
      }
    }
  }
  const kept = ranked.sort((a, b) => a[0] - b[0]).map(([, node]) => node);
  if (kept.length === 0) return { text: "", types: 0 };
  return { text: `${print({ kind: Kind.DOCUMENT, definitions: kept })}\n`, types: kept.length };
}
