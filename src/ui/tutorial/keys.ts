/**
 * Whether a key press belongs to something the learner types into: a text field, a
 * select, an editable area or a CodeMirror editor (found through shadow roots), or to an
 * open dialog, so the panel's own keys never take a key from them.
 */
export function isTypingTarget(event: Event): boolean {
  for (const node of event.composedPath()) {
    if (!(node instanceof HTMLElement)) continue;
    if (node.isContentEditable || node.classList.contains("cm-editor")) return true;
    const tag = node.tagName;
    // A dialog has the learner's attention: the step behind it stays put.
    if (tag === "TEXTAREA" || tag === "SELECT" || tag === "DIALOG") return true;
    if (tag === "INPUT") {
      const type = (node as HTMLInputElement).type;
      if (!["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(type)) return true;
    }
    if (node.getAttribute("role") === "textbox" || node.getAttribute("role") === "combobox") return true;
  }
  return false;
}
