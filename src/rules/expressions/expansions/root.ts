import type { Expansion } from "./_expansion.ts";

/**
 * `%%root`: the whole document as it is after the operation (the document being read,
 * or the new document of a write). Plain keys in MongoDB rules read from it.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-root
 */
export const root: Expansion = {
  name: "root",
  resolve: (ctx) => ctx.root,
};
