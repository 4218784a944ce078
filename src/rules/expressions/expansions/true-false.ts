import type { Expansion } from "./_expansion.ts";

/**
 * `%%true` and `%%false`: constants. As a key they assert that the value — a literal,
 * an expansion, an embedded expression or a `%function` result — is true (or false):
 * `{"%%true": {"%function": {"name": "isAuthorizedUser", "arguments": ["%%user.id"]}}}`.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-true
 */
export const trueExpansion: Expansion = {
  name: "true",
  leaf: true,
  resolve: () => true,
};

export const falseExpansion: Expansion = {
  name: "false",
  leaf: true,
  resolve: () => false,
};
