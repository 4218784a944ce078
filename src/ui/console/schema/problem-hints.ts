/** What to do about a problem deploy reports, in words a first-time user can act on. */

const TYPES = "string, int, long, double, decimal, number, bool, date, objectId, object, array, uuid, binData, timestamp, regex, null or mixed";

const HINTS: [RegExp, string][] = [
  [/invalid JSON/, "Fix the JSON where the editor marks it: look for a missing comma or quote, or a comma before } or ]."],
  [/unknown type "integer"/, 'Use "bsonType": "int" (or "long"): App Services schemas have no integer type.'],
  [/unknown type|is not supported by App Services schemas/, `Use one of the types App Services knows: ${TYPES}.`],
  [/root must have (bsonType|type)/, 'The top of a schema describes the whole document: make it "bsonType": "object", or leave the type out.'],
  [/type and bsonType cannot be used together/, 'Keep only "bsonType" (it names more types than "type").'],
  [/unknown keyword/, "It is kept but not checked: check its spelling, or remove it."],
  [/keyword is not supported/, "App Services schemas leave it out: remove it, or write the rule another way."],
  [/must be a schema object|must be an object mapping/, 'Write a schema there: an object such as { "bsonType": "string" }.'],
  [/must be a JSON object at the top level|the schema must be a JSON object/, "A schema is one JSON object: start with { and end with }."],
  [/invalid regular expression/, "Fix the pattern: it must be a regular expression App Services can run."],
  [/which has no collection folder/, "Add that collection first (Add a collection), or change where the relationship points."],
  [/must be a non-negative integer|must be a number|must be a boolean|must be a string|must be a non-empty array/, "Change the value to the kind the message names."],
];

export function problemHint(message: string): string {
  for (const [pattern, hint] of HINTS) if (pattern.test(message)) return hint;
  return "Deploy would refuse this: fix it before saving.";
}
