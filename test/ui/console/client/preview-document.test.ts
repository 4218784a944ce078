import { describe, expect, it } from "vitest";

import { libraryUrls, previewDocument } from "../../../../src/ui/console/client/preview-document.ts";
import { STARTER_FILES } from "../../../../src/ui/console/client/starter-files.ts";

const libraries = libraryUrls("https://example.org/sandbox/", false);

describe("the preview's document", () => {
  it("maps the libraries to the build's entries, or to their sources under the dev server", () => {
    expect(libraries).toEqual({ "realm-web": "https://example.org/sandbox/preview/realm-web.js", "graphql-client": "https://example.org/sandbox/preview/graphql-client.js" });
    expect(libraryUrls("http://localhost:5173/", true)["realm-web"]).toBe("http://localhost:5173/src/preview/realm-web.ts");
  });

  it("puts the import map and the reporter first in <head>, on its line, and loads app.js from a Blob URL", () => {
    const { html, blobUrls } = previewDocument(STARTER_FILES, { session: "s1", appId: "tasktracker-abcde", libraries });
    expect(blobUrls).toHaveLength(2);
    expect(blobUrls[0]).toMatch(/^blob:/);
    expect(html).toContain(`<script type="module" src="${blobUrls[0]}"></script>`);
    const map = /<script type="importmap">(.*?)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(map ?? "null")).toEqual({ imports: libraries });
    expect(html.indexOf("importmap")).toBeLessThan(html.indexOf("<title>"));
    // Lines of index.html keep their numbers: everything injected sits on the <head> line.
    expect(html.split("\n").length).toBe(STARTER_FILES["index.html"].split("\n").length);
    expect(html).toContain(`<script src="${blobUrls[1]}"></script>`);
    for (const url of blobUrls) URL.revokeObjectURL(url);
  });

  it("keeps an index.html without <head> working, and cannot be closed early by the learner's text", () => {
    const { html, blobUrls } = previewDocument({ "index.html": "<!doctype html><p>hi</p><script type=module src='./app.js'></script>", "app.js": "" }, { session: "</script><b>", appId: "a", libraries });
    expect(html.startsWith('<!doctype html><script type="importmap">')).toBe(true);
    expect(html).toContain(`src='${blobUrls[0]}'`);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).not.toContain("<b>");
    for (const url of blobUrls) URL.revokeObjectURL(url);
  });
});
