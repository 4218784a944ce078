import { unsavedForms } from "../../state/unsaved-forms.ts";

/** Forms of the GraphQL screen typed and not saved yet (see unsaved-forms.ts). */
const forms = unsavedForms("graphql");

export const loadUnsaved = forms.load;
export const saveUnsaved = forms.save;
export const clearUnsaved = forms.clear;
