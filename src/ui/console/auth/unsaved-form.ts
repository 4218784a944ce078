import { unsavedForms } from "../../state/unsaved-forms.ts";

/** Forms of the Authentication screen typed and not saved yet (see unsaved-forms.ts). */
const forms = unsavedForms("auth");

export const loadUnsaved = forms.load;
export const saveUnsaved = forms.save;
export const clearUnsaved = forms.clear;
