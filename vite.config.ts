import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "vite";

import { serviceWorker } from "./scripts/service-worker-plugin.ts";
import { starterApp } from "./scripts/starter-app-plugin.ts";

// A relative base lets the built site work from any sub-path (GitHub Pages projects).
export default defineConfig({
  base: "./",
  // The tutorials the site ships: ./tutorials, or a course's own folder (TUTORIALS_DIR=path, inside the checkout).
  resolve: { alias: { "@tutorials": resolve(fileURLToPath(new URL(".", import.meta.url)), process.env.TUTORIALS_DIR ?? "tutorials") } },
  build: {
    target: "es2022",
    outDir: "dist",
    // The Web client preview imports realm-web and a small GraphQL client by bare name: each
    // is an entry of its own with a stable file name (preview/<name>.js) and its exports kept,
    // never loaded by the page itself.
    rollupOptions: {
      input: { index: "index.html", "preview/realm-web": "src/preview/realm-web.ts", "preview/graphql-client": "src/preview/graphql-client.ts" },
      preserveEntrySignatures: "exports-only",
      output: { entryFileNames: (chunk) => (chunk.name.startsWith("preview/") ? "[name].js" : "assets/[name]-[hash].js") },
    },
  },
  // The backend Worker loads parts of itself lazily, which needs module workers.
  worker: { format: "es" },
  // Screens, editors and the backend load dependencies lazily; declaring them lets the dev
  // server prepare them all at start instead of re-optimizing and reloading on a first visit.
  optimizeDeps: {
    include: [
      "lit",
      "lit/decorators.js",
      "@lit/context",
      "codemirror",
      "@codemirror/autocomplete",
      "@codemirror/lang-javascript",
      "@codemirror/lang-json",
      "@codemirror/language",
      "@codemirror/lint",
      "@codemirror/merge",
      "@lit-labs/virtualizer",
      "@lit-labs/virtualizer/virtualize.js",
      "@codemirror/state",
      "@codemirror/view",
      "@lezer/highlight",
      "fflate",
      "dexie",
      "bson",
      "mingo",
      "mingo/aggregator",
      "mingo/core",
      "mingo/lazy",
      "mingo/operators/accumulator",
      "mingo/operators/expression",
      "mingo/operators/pipeline",
      "mingo/operators/projection",
      "mingo/operators/query",
      "mingo/operators/window",
      "mingo/query",
      "mingo/util",
      "graphql",
      "cm6-graphql",
      "graphql-language-service",
      "bcryptjs",
      "re2js",
      "fake-indexeddb",
    ],
  },
  // STARTER_APP_DIR=path (an exported app directory, inside the checkout): the app a first visit opens.
  plugins: [serviceWorker({ entry: "src/sw/sw.ts" }), starterApp({ root: fileURLToPath(new URL(".", import.meta.url)), dir: process.env.STARTER_APP_DIR })],
});
