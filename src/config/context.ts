import { isObject, parseJsonText, typeName } from "./json.ts";
import type { AppFiles, ConfigProblem, ImportNote, ImportNoteKind, JsonObject, ParseHooks } from "./types.ts";

/**
 * Shared state of one parse: the files, the hooks, and every problem found so far.
 * Parsers report and carry on, so one import shows all of its mistakes at once.
 */
export class ParseContext {
  readonly problems: ConfigProblem[] = [];
  /** What was read leniently or is kept without being run: told, never refused. */
  readonly notes: ImportNote[] = [];

  constructor(
    readonly files: AppFiles,
    readonly hooks: ParseHooks = {},
  ) {}

  report(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  note(path: string, kind: ImportNoteKind, message: string): void {
    this.notes.push({ path, kind, message });
  }

  has(path: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.files, path);
  }

  /** Sorted paths that start with `prefix` (a folder prefix ending in "/"). */
  list(prefix: string): string[] {
    return Object.keys(this.files)
      .filter((p) => p.startsWith(prefix))
      .sort();
  }

  /** Parsed JSON of a file; undefined when it is absent or invalid (then reported). */
  readJson(path: string): unknown {
    if (!this.has(path)) return undefined;
    const result = parseJsonText(this.files[path]);
    if (!result.ok) {
      this.report(path, result.message);
      return undefined;
    }
    return result.value;
  }

  /** Like readJson, but the top level must be an object. */
  readObject(path: string): JsonObject | undefined {
    const value = this.readJson(path);
    if (value === undefined) return undefined;
    if (!isObject(value)) {
      this.report(path, `expected a JSON object at the top level, got ${typeName(value)}`);
      return undefined;
    }
    return value;
  }

  checkExpression(path: string, location: string, expr: unknown): void {
    const check = this.hooks.checkExpression;
    if (!check || expr === undefined || typeof expr === "boolean") return;
    for (const message of check(expr, location)) this.report(path, `${location}: ${message}`);
  }

  checkFunctionSource(path: string, source: string): void {
    for (const message of this.hooks.checkFunctionSource?.(source) ?? []) this.report(path, message);
  }

  checkSchedule(path: string, schedule: string): void {
    for (const message of this.hooks.checkSchedule?.(schedule) ?? []) this.report(path, `"config.schedule": ${message}`);
  }

  /** Fatal schema problems refuse the app; the rest (unknown keywords App Services kept) are notes. */
  checkSchema(path: string, schema: JsonObject): void {
    const check = this.hooks.checkSchema;
    if (!check) return;
    for (const problem of check(schema)) {
      if (typeof problem === "string" || problem.fatal) this.report(path, typeof problem === "string" ? problem : problem.message);
      else this.note(path, "kept", `${problem.message}: kept as written, not used for validation`);
    }
  }

  /** A field checker for one file. */
  fields(path: string): FieldChecker {
    return new FieldChecker(this, path);
  }
}

/** Type checks for keys of a parsed object; each failure is reported against the file. */
export class FieldChecker {
  constructor(
    readonly ctx: ParseContext,
    readonly path: string,
  ) {}

  private label(where: string, key: string): string {
    return where ? `"${where}.${key}"` : `"${key}"`;
  }

  missing(where: string, key: string): void {
    this.ctx.report(this.path, `missing required key ${this.label(where, key)}`);
  }

  wrong(where: string, key: string, expected: string, value: unknown): void {
    this.ctx.report(this.path, `${this.label(where, key)} must be ${expected}, got ${typeName(value)}`);
  }

  string(obj: JsonObject, key: string, where = "", required = false): string | undefined {
    const value = obj[key];
    if (value === undefined) {
      if (required) this.missing(where, key);
      return undefined;
    }
    if (typeof value !== "string") {
      this.wrong(where, key, "a string", value);
      return undefined;
    }
    if (required && value === "") {
      this.ctx.report(this.path, `${this.label(where, key)} must not be empty`);
      return undefined;
    }
    return value;
  }

  boolean(obj: JsonObject, key: string, where = "", required = false): boolean | undefined {
    const value = obj[key];
    if (value === undefined) {
      if (required) this.missing(where, key);
      return undefined;
    }
    if (typeof value !== "boolean") {
      this.wrong(where, key, "true or false", value);
      return undefined;
    }
    return value;
  }

  object(obj: JsonObject, key: string, where = "", required = false): JsonObject | undefined {
    const value = obj[key];
    if (value === undefined) {
      if (required) this.missing(where, key);
      return undefined;
    }
    if (!isObject(value)) {
      this.wrong(where, key, "an object", value);
      return undefined;
    }
    return value;
  }

  array(obj: JsonObject, key: string, where = "", required = false): unknown[] | undefined {
    const value = obj[key];
    if (value === undefined) {
      if (required) this.missing(where, key);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.wrong(where, key, "an array", value);
      return undefined;
    }
    return value;
  }

  stringArray(obj: JsonObject, key: string, where = "", required = false): string[] | undefined {
    const value = this.array(obj, key, where, required);
    if (value === undefined) return undefined;
    if (!value.every((v) => typeof v === "string")) {
      this.ctx.report(this.path, `${this.label(where, key)} must be an array of strings`);
      return undefined;
    }
    return value as string[];
  }

  /** A boolean or a JSON expression object (rule permissions). */
  permission(obj: JsonObject, key: string, where = ""): boolean | JsonObject | undefined {
    const value = obj[key];
    if (value === undefined) return undefined;
    if (typeof value === "boolean" || isObject(value)) {
      const location = where ? `${where}.${key}` : key;
      this.ctx.checkExpression(this.path, location, value);
      return value;
    }
    this.wrong(where, key, "true, false or an expression object", value);
    return undefined;
  }

  oneOf<T extends string>(obj: JsonObject, key: string, allowed: readonly T[], where = "", required = false): T | undefined {
    const value = this.string(obj, key, where, required);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.ctx.report(this.path, `${this.label(where, key)} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got "${value}"`);
      return undefined;
    }
    return value as T;
  }
}
