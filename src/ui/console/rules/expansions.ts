/**
 * What a rule expression can name: expansions (values filled in when the rule runs) and
 * operators, each with a short description, for the editor's completions and the form's
 * condition picker.
 */

export interface Expansion {
  value: string;
  description: string;
}

export const EXPANSIONS: readonly Expansion[] = [
  { value: "%%user.id", description: "the id of the user making the request" },
  { value: "%%user.data.email", description: "the user's email address" },
  { value: "%%user.custom_data", description: "the user's custom data document" },
  { value: "%%user.type", description: "\"normal\", or \"server\" for API keys" },
  { value: "%%user.identities", description: "the user's identities (providers)" },
  { value: "%%user", description: "the whole user object" },
  { value: "%%root", description: "the document after the change" },
  { value: "%%prevRoot", description: "the document before the change (absent on insert)" },
  { value: "%%this", description: "this field's value after the change" },
  { value: "%%prev", description: "this field's value before the change" },
  { value: "%%true", description: "true: assert that the nested expression holds" },
  { value: "%%false", description: "false: assert that the nested expression does not hold" },
  { value: "%%values.", description: "a value of the app (add its name)" },
  { value: "%%environment.tag", description: "the app's environment name" },
  { value: "%%environment.values.", description: "an environment value (add its name)" },
  { value: "%%request", description: "the incoming request (IP address, headers, …)" },
  { value: "%%request.remoteIPAddress", description: "the client's IP address" },
];

export const OPERATORS: readonly Expansion[] = [
  { value: "%in", description: "the value is one of a list" },
  { value: "%nin", description: "the value is none of a list" },
  { value: "%exists", description: "the value is present (true) or absent (false)" },
  { value: "%eq", description: "equals" },
  { value: "%ne", description: "does not equal" },
  { value: "%gt", description: "greater than" },
  { value: "%gte", description: "greater than or equal" },
  { value: "%lt", description: "less than" },
  { value: "%lte", description: "less than or equal" },
  { value: "%function", description: "the result of an app function: { \"name\": …, \"arguments\": [ … ] }" },
  { value: "%or", description: "any of a list of expressions holds" },
  { value: "%and", description: "all of a list of expressions hold" },
  { value: "%stringToOid", description: "text to an ObjectId" },
  { value: "%oidToString", description: "an ObjectId to text" },
  { value: "%stringToUuid", description: "text to a UUID" },
  { value: "%uuidToString", description: "a UUID to text" },
];

/** Context from the app that makes completions specific: document fields, values, functions. */
export interface ExpressionContext {
  fields: readonly string[];
  values: readonly string[];
  functions: readonly string[];
}

/** Words offered as you type in an expression editor. */
export function expressionCompletions(context: ExpressionContext): string[] {
  const words = new Set<string>();
  for (const e of EXPANSIONS) if (!e.value.endsWith(".")) words.add(e.value);
  for (const name of context.values) words.add(`%%values.${name}`);
  for (const field of context.fields) {
    words.add(field);
    words.add(`%%root.${field}`);
    words.add(`%%prevRoot.${field}`);
  }
  for (const o of OPERATORS) {
    words.add(o.value);
    if (!o.value.startsWith("%function") && !/Oid|Uuid/.test(o.value)) words.add(`$${o.value.slice(1)}`);
  }
  for (const name of context.functions) words.add(name);
  return [...words];
}
