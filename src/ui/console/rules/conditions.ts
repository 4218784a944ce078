/** The conditions the form's picker builds: `{ <field or expansion>: <value or test> }`. */
import type { Json } from "./rules-form.ts";

export type ConditionTest = "equals" | "in" | "exists" | "missing";

/** The value side of a condition: JSON when it reads as JSON, else the text itself. */
export function conditionValue(test: ConditionTest, text: string): Json {
  if (test === "exists") return { "%exists": true };
  if (test === "missing") return { "%exists": false };
  const parsed = literal(text.trim());
  if (test === "equals") return parsed;
  if (Array.isArray(parsed) || (typeof parsed === "string" && parsed.startsWith("%%"))) return { "%in": parsed };
  return { "%in": text.split(",").map((s) => literal(s.trim())) };
}

function literal(text: string): Json {
  if (text.startsWith("%%")) return text;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}
