/**
 * CodeMirror 6, set up once for the console's editors. Loaded only through
 * `import()` from rs-code-editor, so the first visit does not pay for it.
 */
import { autocompletion, type CompletionContext } from "@codemirror/autocomplete";
import { javascript } from "@codemirror/lang-javascript";
import { json, jsonParseLinter } from "@codemirror/lang-json";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { forceLinting, linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { Compartment, EditorState, StateEffect } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { basicSetup } from "codemirror";

/** "javascript-module": an ES module (imports allowed), not checked by compiling it as a function body. */
export type EditorLanguage = "json" | "javascript" | "javascript-module" | "graphql" | "html";

/** A problem found outside the editor (deploy checks), placed on a line or on the whole text. */
export interface ExtraDiagnostic {
  line?: number;
  message: string;
  severity?: "error" | "warning" | "info";
}

export interface CodeEditorView {
  text(): string;
  setText(text: string): void;
  setDiagnostics(diagnostics: ExtraDiagnostic[]): void;
  setReadonly(readonly: boolean): void;
  revealLine(line: number): void;
}

interface Options {
  parent: HTMLElement;
  root: ShadowRoot;
  value: string;
  language: EditorLanguage;
  label: string;
  readonly: boolean;
  completions: () => string[];
  onChange(text: string): void;
}

/** Colours from the console's design tokens, so light and dark follow the page. */
export const theme = EditorView.theme({
  "&": { color: "var(--rs-fg)", backgroundColor: "var(--rs-bg)" },
  ".cm-content": { fontFamily: "var(--rs-font-mono)", caretColor: "var(--rs-fg)" },
  ".cm-gutters": { backgroundColor: "var(--rs-bg-subtle)", color: "var(--rs-fg-muted)", borderRight: "1px solid var(--rs-border)" },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--rs-accent) 8%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--rs-accent) 12%, transparent)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground": { backgroundColor: "color-mix(in srgb, var(--rs-focus) 30%, transparent)" },
  ".cm-tooltip": { backgroundColor: "var(--rs-bg-raised)", color: "var(--rs-fg)", border: "1px solid var(--rs-border)" },
});

/**
 * Syntax colours that keep 4.5:1 contrast on the editor's background in both themes
 * (CodeMirror's default ones are for light backgrounds only). `light-dark()` follows the
 * color-scheme the theme switch sets on the page.
 */
export const highlight = HighlightStyle.define([
  { tag: [t.string, t.special(t.string)], color: "light-dark(#a11111, #ff9e8f)" },
  { tag: [t.number, t.integer, t.float], color: "light-dark(#116644, #7ee2a8)" },
  { tag: [t.keyword, t.bool, t.null, t.atom, t.self], color: "light-dark(#7a2fb0, #d2a8ff)" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "light-dark(#4f5d66, #a9b8bf)", fontStyle: "italic" },
  { tag: t.regexp, color: "light-dark(#8a3b00, #ffc56b)" },
  { tag: [t.definition(t.variableName), t.function(t.variableName)], color: "light-dark(#1d4ed8, #93c5fd)" },
  { tag: t.invalid, color: "light-dark(#b3261e, #ff8a80)" },
]);

/** Syntax errors of JavaScript, on their line, as the deploy check reports them, without running anything. */
function javascriptSyntax(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  // Function sources are `exports = function…` and run in strict mode: compiled, never run.
  const compile = (source: string) => new Function(`"use strict";${source}`);
  try {
    compile(text);
    return [];
  } catch (error) {
    const message = (error as Error).message;
    // V8 does not say where: the line is the first prefix of lines failing with the same message.
    const doc = view.state.doc;
    let at = /end of input/i.test(message) ? doc.lines : 0;
    const failsWith = (source: string) => {
      try {
        compile(source);
        return false;
      } catch (e) {
        return (e as Error).message === message;
      }
    };
    // A prefix cut inside an open "{" fails like a stray ")" (V8's wrapper closes it); the
    // real error's prefix still fails the same way once closers are added after it.
    for (let k = 1; at === 0 && k <= doc.lines; k++) {
      const prefix = doc.sliceString(0, doc.line(k).to);
      if (failsWith(prefix) && !["}", "}}", "}}}", ")", "})", "]"].some((closing) => !failsWith(`${prefix}\n${closing}`))) at = k;
    }
    const line = at > 0 ? doc.line(at) : undefined;
    return [{ from: line?.from ?? 0, to: line ? Math.max(line.to, line.from) : Math.min(text.length, 1), severity: "error", message: line ? `Line ${at}: ${message}` : message }];
  }
}

/** Marks a transaction that brings new extra diagnostics, so the linter runs again without an edit. */
const extraChanged = StateEffect.define<null>();

export function createCodeEditor(options: Options): CodeEditorView {
  let extra: ExtraDiagnostic[] = [];
  const readonly = new Compartment();
  // GraphQL's highlighting (cm6-graphql) loads only when a GraphQL text is shown.
  const graphqlSupport = new Compartment();
  const languageSupport =
    options.language === "json"
      ? [json(), linter(jsonParseLinter())]
      : options.language === "graphql" || options.language === "html"
        ? [graphqlSupport.of([])]
        : options.language === "javascript-module"
          ? [javascript()]
          : [javascript(), linter(javascriptSyntax)];
  const extraLinter = linter((view) =>
    extra.map((d) => {
      const line = d.line && d.line <= view.state.doc.lines ? view.state.doc.line(d.line) : undefined;
      return { from: line?.from ?? 0, to: line?.to ?? Math.min(view.state.doc.length, 1), severity: d.severity ?? "error", message: d.message };
    }),
    { delay: 0, needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(extraChanged))) },
  );
  const complete = (context: CompletionContext) => {
    const word = context.matchBefore(/[%$\w.]+/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const words = options.completions();
    if (words.length === 0) return null;
    return { from: word.from, options: words.map((label) => ({ label, type: "variable" })) };
  };
  const view = new EditorView({
    parent: options.parent,
    root: options.root,
    state: EditorState.create({
      doc: options.value,
      extensions: [
        basicSetup,
        theme,
        syntaxHighlighting(highlight),
        ...languageSupport,
        extraLinter,
        lintGutter(),
        autocompletion({ override: [complete] }),
        readonly.of(EditorState.readOnly.of(options.readonly)),
        // Checkers count only tabindex-focusable content in a scrolling area, not contenteditable alone.
        EditorView.contentAttributes.of({ "aria-label": options.label, tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  if (options.language === "graphql") {
    void import("cm6-graphql").then(({ graphqlLanguageSupport }) => view.dispatch({ effects: graphqlSupport.reconfigure(graphqlLanguageSupport()) }));
  }
  // HTML's highlighting (with its CSS and JavaScript) loads only when an HTML text is shown.
  if (options.language === "html") void import("@codemirror/lang-html").then(({ html }) => view.dispatch({ effects: graphqlSupport.reconfigure(html()) }));
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setDiagnostics(diagnostics) {
      extra = diagnostics;
      // Problems found outside arrive after the edit they are about was linted: lint again now.
      view.dispatch({ effects: extraChanged.of(null) });
      forceLinting(view);
    },
    setReadonly(value) {
      view.dispatch({ effects: readonly.reconfigure(EditorState.readOnly.of(value)) });
    },
    revealLine(line) {
      const target = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
      view.dispatch({ selection: { anchor: target.from }, scrollIntoView: true });
      view.focus();
    },
  };
}
