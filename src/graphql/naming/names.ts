import { pluralize, singularize } from "./inflect.ts";

const VALID_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function isValidName(name: string): boolean {
  return VALID_NAME.test(name) && !name.startsWith("__");
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function lowerFirst(word: string): string {
  return word.charAt(0).toLowerCase() + word.slice(1);
}

/**
 * The GraphQL field name of a document key, or undefined when it has none. Valid names
 * are kept; others lose unsupported characters and leading digits and are camel-cased
 * ("Alleged deployer of AI system" → "AllegedDeployerOfAISystem"). `__` keys are omitted.
 */
export function fieldNameOf(key: string): string | undefined {
  if (key.startsWith("__")) return undefined;
  if (VALID_NAME.test(key)) return key;
  const words = key.split(/[^_0-9A-Za-z]+/).filter(Boolean);
  const joined = words.map((word, i) => (i === 0 ? word : capitalize(word))).join("");
  const name = joined.replace(/^[0-9]+/, "");
  return isValidName(name) ? name : undefined;
}

/**
 * A type name from a schema title or collection name: sanitized, singularized and with its
 * first letter capitalized, as App Services named types (`checklists` → `Checklist`,
 * `UserAdminData` → `UserAdminDatum`, `taxa` → `Taxa`).
 */
export function typeNameOf(title: string): string | undefined {
  const name = fieldNameOf(title);
  if (name === undefined) return undefined;
  const single = singularize(name);
  // A title that is all suffix ("s") keeps its letters rather than becoming no name.
  return capitalize(isValidName(single) ? single : name);
}

/** The name of an embedded object's type: parent type + the field, singularized (`Item_field`). */
export function embeddedTypeName(parentType: string, fieldName: string): string {
  // A field that is all suffix ("s") keeps its name rather than giving the parent's own name.
  return parentType + capitalize(singularize(fieldName) || fieldName);
}

/** The plural of a type name; `+s` without natural pluralization or when the plural equals the singular. */
export function pluralName(typeName: string, natural: boolean): string {
  const plural = natural ? pluralize(typeName) : typeName + "s";
  return plural === typeName ? typeName + "s" : plural;
}

/** Root field names of one document type. */
export interface RootNames {
  one: string;
  many: string;
  insertOne: string;
  insertMany: string;
  updateOne: string;
  updateMany: string;
  upsertOne: string;
  replaceOne: string;
  deleteOne: string;
  deleteMany: string;
}

export function rootNames(typeName: string, natural: boolean): RootNames {
  const plural = pluralName(typeName, natural);
  return {
    one: lowerFirst(typeName),
    many: lowerFirst(plural),
    insertOne: `insertOne${typeName}`,
    insertMany: `insertMany${plural}`,
    updateOne: `updateOne${typeName}`,
    updateMany: `updateMany${plural}`,
    upsertOne: `upsertOne${typeName}`,
    replaceOne: `replaceOne${typeName}`,
    deleteOne: `deleteOne${typeName}`,
    deleteMany: `deleteMany${plural}`,
  };
}

/** `userId` → `USERID`: upper-cased without inserting underscores, as App Services did. */
export function sortValueName(fieldName: string, direction: "ASC" | "DESC"): string {
  return `${fieldName.toUpperCase()}_${direction}`;
}

/** A GraphQL enum value name for a schema `enum` string ("InProgress" → "INPROGRESS"). */
export function enumValueName(value: string): string | undefined {
  const name = value.toUpperCase().replace(/[^_0-9A-Z]+/g, "").replace(/^[0-9]+/, "");
  return isValidName(name) ? name : undefined;
}
