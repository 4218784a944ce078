import { ConsoleApiError } from "../../state/console-api.ts";
import { placeProblem, type FieldProblem } from "./auth-model.ts";

/** What a form shows when saving failed: the problems beside their fields, and one line that says what happened. */
export interface SaveFailure {
  problems: FieldProblem[];
  notice: string;
}

/**
 * Says what actually failed: the problems the draft was refused with (each with its file), or
 * the error's own message and App Services code (e.g. the backend could not be reached).
 * The form keeps what was typed in every case.
 */
export function describeSaveFailure(error: unknown, fields: readonly string[]): SaveFailure {
  if (error instanceof ConsoleApiError && error.problems.length > 0) {
    const problems = error.problems.map((p) => placeProblem(`${p.path}: ${p.message}`, fields));
    const files = [...new Set(error.problems.map((p) => p.path))].join(", ");
    const count = error.problems.length === 1 ? "1 problem" : `${error.problems.length} problems`;
    return { problems, notice: `Not saved: the draft refused the change with ${count} in ${files} (${error.code}). Fix what is shown, then save again.` };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ConsoleApiError ? ` (${error.code})` : "";
  return { problems: [], notice: `Not saved: ${message.replace(/\.$/, "")}${code}. What you typed is kept; try again.` };
}
