import { describe, expect, it } from "vitest";

import { parseBlocks, renderInline, safeHref } from "../../../src/ui/tutorial/markdown.ts";
import { readTutorial, tutorialFolders } from "../../tutorial/read-tutorials.ts";

/** Inline parts as plain strings and their mark, to compare without Lit. */
function marks(text: string): string[] {
  return renderInline(text).map((part) => {
    if (typeof part === "string") return part;
    const tag = /<(\w+)/.exec(part.strings[0])?.[1] ?? "?";
    const inner = part.values.filter((v) => typeof v === "string" || Array.isArray(v)).map((v) => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : "…")).join("") : v));
    return `${tag}:${inner.join("|")}`;
  });
}

describe("tutorial markdown", () => {
  it.each([
    ["one paragraph over\ntwo lines", [{ kind: "paragraph", text: "one paragraph over two lines" }]],
    ["### Side note\nText", [{ kind: "heading", level: 3, text: "Side note" }, { kind: "paragraph", text: "Text" }]],
    [
      "1. Open it\n   and look.\n2. Click",
      [{ kind: "list", ordered: true, items: ["Open it and look.", "Click"] }],
    ],
    ["- a\n- b\n\nafter", [{ kind: "list", ordered: false, items: ["a", "b"] }, { kind: "paragraph", text: "after" }]],
    ["| A | B |\n| --- | --- |\n| 1 | 2 |", [{ kind: "table", head: ["A", "B"], rows: [["1", "2"]] }]],
    ["```js\nlet a = 1;\n```", [{ kind: "code", text: "let a = 1;" }]],
  ])("splits %j into blocks", (markdown, blocks) => {
    expect(parseBlocks(markdown)).toEqual(blocks);
  });

  it("renders code, bold, emphasis and links, leaving the rest as text", () => {
    expect(marks("Click **Save** on [Schema](#/schema), then `tracker` *now*.")).toEqual(["Click ", "strong:Save", " on ", "a:#/schema|Schema", ", then ", "code:tracker", " ", "em:now", "."]);
  });

  it("keeps only links inside the site or to the web", () => {
    expect(safeHref("#/rules/tracker/tasks")).toBe("#/rules/tracker/tasks");
    expect(safeHref("https://www.mongodb.com/docs/")).toBe("https://www.mongodb.com/docs/");
    expect(safeHref("javascript:alert(1)")).toBeUndefined();
    expect(safeHref("data:text/html,x")).toBeUndefined();
    expect(renderInline("[x](javascript:alert(1))").every((p) => typeof p === "string")).toBe(true);
  });

  it("leaves markup in the text as text (Lit escapes it)", () => {
    expect(renderInline("<img src=x onerror=alert(1)>")).toEqual(["<img src=x onerror=alert(1)>"]);
  });

  it("reads every step of every tutorial without leaving a Markdown mark unrendered", () => {
    for (const folder of tutorialFolders()) {
      const { tutorial } = readTutorial(folder);
      for (const step of tutorial?.steps ?? []) {
        for (const block of parseBlocks(step.body)) {
          const texts = block.kind === "paragraph" || block.kind === "heading" ? [block.text] : block.kind === "list" ? block.items : [];
          for (const text of texts) {
            const plain = renderInline(text).filter((p): p is string => typeof p === "string").join("");
            expect(plain, `${folder}/${step.folder}`).not.toMatch(/\*\*|`|\]\(/);
          }
        }
      }
    }
  });
});
