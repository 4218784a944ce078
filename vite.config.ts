import { defineConfig } from "vite";

// A relative base lets the built site work from any sub-path (GitHub Pages projects).
export default defineConfig({
  base: "./",
  build: { target: "es2022", outDir: "dist" },
});
