import { defineConfig } from "vite";

import { serviceWorker } from "./scripts/service-worker-plugin.ts";

// A relative base lets the built site work from any sub-path (GitHub Pages projects).
export default defineConfig({
  base: "./",
  build: { target: "es2022", outDir: "dist" },
  // The backend Worker loads parts of itself lazily, which needs module workers.
  worker: { format: "es" },
  plugins: [serviceWorker({ entry: "src/sw/sw.ts" })],
});
