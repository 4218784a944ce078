/**
 * CodeMirror's unified merge view, set up once for the Deployment screen: the newer text,
 * editable or not, with the older one's removed lines shown inline. Loaded only through
 * `import()` from rs-diff-view. One column reads better than two beside a file list at 1280 px.
 */
import { json } from "@codemirror/lang-json";
import { javascript } from "@codemirror/lang-javascript";
import { syntaxHighlighting } from "@codemirror/language";
import { forceLinting, linter, lintGutter } from "@codemirror/lint";
import { unifiedMergeView } from "@codemirror/merge";
import { EditorState, StateEffect } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";

import { highlight, theme, type ExtraDiagnostic } from "./codemirror-setup.ts";

export interface DiffOptions {
  parent: HTMLElement;
  root: ShadowRoot;
  original: string;
  value: string;
  language: "json" | "javascript" | "text";
  label: string;
  readonly: boolean;
  /** Fold long stretches of unchanged lines. */
  fold: boolean;
  onChange(text: string): void;
}

export interface DiffView {
  text(): string;
  setDiagnostics(diagnostics: ExtraDiagnostic[]): void;
  revealLine(line: number): void;
  destroy(): void;
}

/** Added lines green, removed ones red, from the tokens so both themes keep their contrast. */
const diffTheme = EditorView.theme({
  ".cm-changedLine": { backgroundColor: "color-mix(in srgb, var(--rs-ok) 14%, transparent) !important" },
  // Changed words are underlined, not shaded, so the syntax colours keep their contrast.
  ".cm-changedText": { background: "linear-gradient(var(--rs-ok), var(--rs-ok)) bottom / 100% 2px no-repeat !important" },
  ".cm-deletedChunk": { backgroundColor: "color-mix(in srgb, var(--rs-danger) 14%, transparent) !important", color: "var(--rs-fg)" },
  ".cm-deletedChunk .cm-deletedText, .cm-deletedChunk del": { background: "linear-gradient(var(--rs-danger), var(--rs-danger)) bottom / 100% 2px no-repeat !important", textDecoration: "none" },
  ".cm-changedLineGutter": { background: "var(--rs-ok) !important" },
  ".cm-deletedLineGutter": { background: "var(--rs-danger) !important" },
  "&.rs-all-added .cm-line": { backgroundColor: "color-mix(in srgb, var(--rs-ok) 14%, transparent)" },
  "&.rs-all-added .cm-content": { borderLeft: "3px solid var(--rs-ok)" },
  ".cm-collapsedLines": { color: "var(--rs-fg-muted)", background: "var(--rs-bg-subtle)", cursor: "pointer" },
  // The default marks are a character system fonts often lack.
  ".cm-collapsedLines:before, .cm-collapsedLines:after": { content: '"↕"' },
});

const extraChanged = StateEffect.define<null>();

export function createDiffView(options: DiffOptions): DiffView {
  let extra: ExtraDiagnostic[] = [];
  const language = options.language === "json" ? [json()] : options.language === "javascript" ? [javascript()] : [];
  const problems = linter(
    (view) =>
      extra.map((d) => {
        const line = d.line && d.line <= view.state.doc.lines ? view.state.doc.line(d.line) : undefined;
        return { from: line?.from ?? 0, to: line?.to ?? Math.min(view.state.doc.length, 1), severity: d.severity ?? "error", message: d.message };
      }),
    { delay: 0, needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(extraChanged))) },
  );
  const view = new EditorView({
    parent: options.parent,
    root: options.root,
    state: EditorState.create({
      doc: options.value,
      extensions: [
        lineNumbers(),
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        theme,
        diffTheme,
        syntaxHighlighting(highlight),
        ...language,
        problems,
        lintGutter(),
        // A new file has nothing to compare with: every line is shown as added, without an empty removed line above.
        options.original === ""
          ? [EditorView.editorAttributes.of({ class: "rs-all-added" })]
          : unifiedMergeView({ original: options.original, mergeControls: false, gutter: true, syntaxHighlightDeletions: false, ...(options.fold ? { collapseUnchanged: { margin: 3, minSize: 6 } } : {}) }),
        EditorState.readOnly.of(options.readonly),
        EditorState.phrases.of({ "$ unchanged lines": "$ unchanged lines (click to show)" }),
        EditorView.contentAttributes.of({ "aria-label": options.label, tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setDiagnostics(diagnostics) {
      extra = diagnostics;
      view.dispatch({ effects: extraChanged.of(null) });
      forceLinting(view);
    },
    revealLine(line) {
      const target = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
      view.dispatch({ selection: { anchor: target.from }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
