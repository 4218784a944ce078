/**
 * The GraphQL editor's CodeMirror setup: cm6-graphql (highlighting, schema-aware
 * completion and validation as you type), hover docs from graphql-language-service,
 * and the playground's keys. Loaded only through `import()` from rs-graphql-editor.
 */
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, hoverTooltip, keymap } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { basicSetup } from "codemirror";
import { getSchema, graphql, offsetToPos, updateSchema } from "cm6-graphql";
import { GraphQLError, parse, type GraphQLSchema } from "graphql";
import { getHoverInformation } from "graphql-language-service";

import { highlight, theme } from "./codemirror-setup.ts";

export interface GraphqlEditorView {
  text(): string;
  setText(text: string): void;
  /** Another document (another tab): its own text and undo history, nothing of the last one's. */
  reset(text: string): void;
  setSchema(schema: GraphQLSchema | undefined): void;
  /** The cursor's offset in the text (to find the operation it is in). */
  cursor(): number;
  /** Moves the cursor to a 1-based line and column, scrolls there and focuses the editor. */
  moveTo(line: number, column: number): void;
  focus(): void;
  destroy(): void;
}

interface Options {
  parent: HTMLElement;
  root: ShadowRoot;
  value: string;
  label: string;
  schema: GraphQLSchema | undefined;
  onChange(text: string): void;
  onRun(): void;
  onPrettify(): void;
  /** Ctrl/Cmd+click on a name: the type (and field) to open in the docs. */
  onShowInDocs(type: string | undefined, field: string | undefined): void;
}

/** Field, argument and variable names, which the JSON/JS colours do not cover. */
const graphqlHighlight = HighlightStyle.define([
  { tag: [t.propertyName], color: "light-dark(#1d4ed8, #93c5fd)" },
  { tag: [t.attributeName], color: "light-dark(#8a3b00, #ffc56b)" },
  { tag: [t.variableName], color: "light-dark(#a11111, #ff9e8f)" },
  { tag: [t.modifier], color: "light-dark(#116644, #7ee2a8)" },
]);

/**
 * Syntax errors while there is no schema yet (cm6-graphql checks only against a schema,
 * and with one it reports syntax errors itself).
 */
const syntaxWithoutSchema = linter((view): Diagnostic[] => {
  if (getSchema(view.state)) return [];
  const text = view.state.doc.toString();
  if (text.trim() === "") return [];
  try {
    parse(text);
    return [];
  } catch (error) {
    if (!(error instanceof GraphQLError) || !error.positions?.length) return [];
    const from = Math.min(error.positions[0], text.length);
    return [{ from, to: Math.min(from + 1, text.length), severity: "error", message: error.message }];
  }
});

/** Documentation of the field, argument or type under the pointer. */
const hoverDocs = hoverTooltip((view, pos) => {
  const schema = getSchema(view.state);
  if (!schema) return null;
  const contents = getHoverInformation(schema, view.state.doc.toString(), offsetToPos(view.state.doc, pos));
  const text = typeof contents === "string" ? contents : Array.isArray(contents) ? contents.map(String).join("\n") : "";
  if (!text.trim()) return null;
  return {
    pos,
    above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "rs-graphql-hover";
      dom.textContent = text;
      return { dom };
    },
  };
});

const hoverTheme = EditorView.theme({
  ".rs-graphql-hover": { padding: "4px 8px", maxWidth: "32rem", whiteSpace: "pre-wrap", fontFamily: "var(--rs-font-mono)", fontSize: "var(--rs-text-sm)" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "var(--rs-accent)", color: "var(--rs-accent-fg)" },
  ".cm-completionDetail": { color: "inherit", opacity: "0.85" },
});

export function createGraphqlEditor(options: Options): GraphqlEditorView {
  const keys = Prec.highest(
    keymap.of([
      { key: "Mod-Enter", run: () => (options.onRun(), true) },
      // GraphiQL's key for prettify, on every platform.
      { key: "Shift-Ctrl-p", run: () => (options.onPrettify(), true) },
      { key: "Shift-Mod-p", run: () => (options.onPrettify(), true) },
    ]),
  );
  let schema = options.schema;
  const extensions = [
    keys,
    basicSetup,
    theme,
    hoverTheme,
    syntaxHighlighting(graphqlHighlight),
    syntaxHighlighting(highlight),
    graphql(schema, {
      // A field opens on the type that holds it; a type name opens that type.
      onShowInDocs: (field, type, parentType) => options.onShowInDocs(field ? parentType : type, field),
    }),
    syntaxWithoutSchema,
    lintGutter(),
    hoverDocs,
    // Long comments (the starter query explains itself in them) stay readable in a narrow pane.
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ "aria-label": options.label, tabindex: "0" }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString());
    }),
  ];
  const view = new EditorView({ parent: options.parent, root: options.root, state: EditorState.create({ doc: options.value, extensions }) });
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    reset(text) {
      view.setState(EditorState.create({ doc: text, extensions }));
      updateSchema(view, schema);
    },
    setSchema(next) {
      schema = next;
      updateSchema(view, next);
    },
    cursor: () => view.state.selection.main.head,
    moveTo(line, column) {
      const doc = view.state.doc;
      const target = doc.line(Math.max(1, Math.min(line, doc.lines)));
      const anchor = Math.min(target.from + Math.max(0, column - 1), target.to);
      view.dispatch({ selection: { anchor }, scrollIntoView: true });
      view.focus();
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
