import type { AppFiles, ConsoleApi } from "../../state/console-api.ts";
import { changedFiles, type FieldProblem } from "./auth-model.ts";
import { describeSaveFailure } from "./save-failure.ts";
import { clearUnsaved } from "./unsaved-form.ts";

export interface FormNotice {
  kind: "ok" | "error" | "warning";
  text: string;
}

export interface FormSaveOutcome {
  saved: boolean;
  problems: FieldProblem[];
  notice: FormNotice;
}

/**
 * Saves what an Authentication form changed to the draft. The unsaved copy kept in this
 * browser is dropped only once the draft took the change; a refusal comes back as the
 * problems beside their fields and one line saying what failed.
 */
export async function saveFormFiles(
  api: ConsoleApi,
  appId: string,
  form: string,
  files: AppFiles,
  next: () => AppFiles,
  fields: readonly string[],
): Promise<FormSaveOutcome> {
  try {
    await api.patchDraft(appId, changedFiles(files, next()));
    clearUnsaved(appId, form);
    return { saved: true, problems: [], notice: { kind: "ok", text: "Saved to the draft. Deploy it from the top bar for clients to use it." } };
  } catch (error) {
    const failure = describeSaveFailure(error, fields);
    return { saved: false, problems: failure.problems, notice: { kind: "error", text: failure.notice } };
  }
}
