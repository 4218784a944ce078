/** The playground's Variables and Headers texts, read as the request needs them. */

export type Parsed<T> = { value: T | undefined; error?: undefined } | { value?: undefined; error: string };

/** Variables: empty means none; otherwise a JSON object. */
export function parseVariables(text: string): Parsed<Record<string, unknown>> {
  if (text.trim() === "") return { value: undefined };
  const parsed = parseJson(text);
  if ("error" in parsed) return { error: `The variables are not valid JSON: ${parsed.error}. Nothing was run.` };
  if (!isPlainObject(parsed.value)) return { error: 'The variables must be a JSON object, e.g. {"status": "Open"}. Nothing was run.' };
  return { value: parsed.value };
}

/** Headers: empty means none; otherwise a JSON object whose values are strings. */
export function parseHeaders(text: string): Parsed<Record<string, string>> {
  if (text.trim() === "") return { value: undefined };
  const parsed = parseJson(text);
  if ("error" in parsed) return { error: `The headers are not valid JSON: ${parsed.error}. Nothing was run.` };
  if (!isPlainObject(parsed.value)) return { error: 'The headers must be a JSON object, e.g. {"x-trace": "1"}. Nothing was run.' };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.value)) {
    if (typeof value !== "string") return { error: `The header "${name}" must be a string. Nothing was run.` };
    headers[name] = value;
  }
  return { value: headers };
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
