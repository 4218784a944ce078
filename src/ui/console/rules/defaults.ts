/**
 * What a permission left unset means. Insert and delete changed defaults over the years:
 * a file in which no role sets `search` or `document_filters` is read the 2020 way (both
 * false); otherwise the 2022 way (both true). Read and write are always false, search
 * true. The backend decides the same way (rules/roles/compile.ts).
 */
import type { PermissionKey, RulesForm } from "./rules-form.ts";

export type Generation = "2020" | "2022";

export function generationOf(form: RulesForm): Generation {
  return (form.roles ?? []).some((r) => r.search !== undefined || r.document_filters !== undefined) ? "2022" : "2020";
}

export function defaultOf(key: PermissionKey, generation: Generation): boolean {
  if (key === "search") return true;
  if (key === "insert" || key === "delete") return generation === "2022";
  return false;
}

export function generationNote(generation: Generation): string {
  return generation === "2020"
    ? "Insert and Delete left at Default count as No in this file, because no role sets Search (rules written before 2022 work that way)."
    : "Insert, Delete and Search left at Default count as Yes in this file, because a role sets Search or document filters (the rules format of 2022 on).";
}
