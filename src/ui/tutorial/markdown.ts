/**
 * The Markdown the tutorials use, rendered as Lit templates: paragraphs, `#`–`####`
 * headings, ordered and bulleted lists (with indented continuation lines), tables, fenced
 * code, and inline `code`, **bold**, *emphasis* and [links](#/route). No library is
 * installed for it; every piece of text goes through Lit's escaping, and links are kept
 * only when they point inside the site (`#/…`) or to http(s).
 */
import { html, nothing, type TemplateResult } from "lit";

type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "table"; head: string[]; rows: string[][] }
  | { kind: "code"; text: string };

const LIST_ITEM = /^(\s*)(\d+\.|[-*])\s+(.*)$/;

/** Splits Markdown into blocks; lines are joined with spaces inside a paragraph or list item. */
export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (line.startsWith("```")) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) body.push(lines[i]);
      i++;
      blocks.push({ kind: "code", text: body.join("\n") });
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", level: heading[1].length, text: heading[2] });
      i++;
      continue;
    }
    if (line.trimStart().startsWith("|")) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i].trimStart().startsWith("|"); i++) rows.push(cells(lines[i]));
      const [head = [], divider, ...rest] = rows;
      const isDivider = divider?.every((c) => /^:?-+:?$/.test(c));
      blocks.push({ kind: "table", head, rows: isDivider ? rest : rows.slice(1) });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = item[2].endsWith(".");
      const items: string[] = [];
      while (i < lines.length) {
        const next = LIST_ITEM.exec(lines[i]);
        if (next && next[2].endsWith(".") === ordered) {
          items.push(next[3]);
          i++;
        } else if (items.length && /^\s+\S/.test(lines[i])) {
          items[items.length - 1] += ` ${lines[i].trim()}`;
          i++;
        } else break;
      }
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    const text: string[] = [];
    for (; i < lines.length && lines[i].trim() !== "" && !/^(#{1,4}\s|```|\s*\|)/.test(lines[i]) && !LIST_ITEM.test(lines[i]); i++) text.push(lines[i].trim());
    blocks.push({ kind: "paragraph", text: text.join(" ") });
  }
  return blocks;
}

function cells(row: string): string[] {
  return row.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
}

/** A link's target when it is safe to follow: inside the site, or a web address. */
export function safeHref(href: string): string | undefined {
  return /^(#\/|#$|https?:\/\/)/.test(href) ? href : undefined;
}

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|\*([^*\s][^*]*)\*/g;

/** Inline Markdown as templates; everything outside the marks stays plain (escaped) text. */
export function renderInline(text: string): (TemplateResult | string)[] {
  const parts: (TemplateResult | string)[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const [, code, strong, label, href, em] = match;
    if (code !== undefined) parts.push(html`<code>${code}</code>`);
    else if (strong !== undefined) parts.push(html`<strong>${renderInline(strong)}</strong>`);
    else if (label !== undefined) {
      const target = safeHref(href);
      const external = target?.startsWith("http");
      parts.push(target ? html`<a href=${target} target=${external ? "_blank" : nothing} rel=${external ? "noopener" : nothing}>${renderInline(label)}</a>` : label);
    } else parts.push(html`<em>${renderInline(em)}</em>`);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** A tutorial's prose; headings start at `h<baseLevel>` so they sit under the panel's own. */
export function renderMarkdown(markdown: string, baseLevel = 3): TemplateResult[] {
  return parseBlocks(markdown).map((block) => {
    switch (block.kind) {
      case "heading": {
        const level = Math.min(5, baseLevel + Math.max(0, block.level - 3));
        const content = renderInline(block.text);
        if (level <= 3) return html`<h3>${content}</h3>`;
        if (level === 4) return html`<h4>${content}</h4>`;
        return html`<h5>${content}</h5>`;
      }
      case "paragraph":
        return html`<p>${renderInline(block.text)}</p>`;
      case "list":
        return block.ordered
          ? html`<ol>${block.items.map((item) => html`<li>${renderInline(item)}</li>`)}</ol>`
          : html`<ul>${block.items.map((item) => html`<li>${renderInline(item)}</li>`)}</ul>`;
      case "table":
        return html`<div class="table-scroll" tabindex="0" role="group" aria-label="Table">
          <table>
            <thead><tr>${block.head.map((c) => html`<th scope="col">${renderInline(c)}</th>`)}</tr></thead>
            <tbody>${block.rows.map((row) => html`<tr>${row.map((c) => html`<td>${renderInline(c)}</td>`)}</tr>`)}</tbody>
          </table>
        </div>`;
      case "code":
        return html`<pre tabindex="0"><code>${block.text}</code></pre>`;
    }
  });
}
