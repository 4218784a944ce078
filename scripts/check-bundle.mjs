#!/usr/bin/env node
// Prints the size of every script of the build and fails when the JavaScript a first
// visit loads before the sandbox is ready is over budget. That is the page's entry
// with its static imports, the backend Worker's entry with its static imports, and the
// service worker; everything reached only through import() loads lazily.
import { readFile, readdir } from "node:fs/promises";
import { join, posix } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 250;
const dist = process.argv[2] ?? "dist";

const kb = (bytes) => (bytes / 1024).toFixed(1);
const sizes = new Map();

async function size(file) {
  if (!sizes.has(file)) {
    const bytes = await readFile(join(dist, file));
    sizes.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, text: bytes.toString("utf8") });
  }
  return sizes.get(file);
}

/** A script and everything it imports statically (import/export … from, bare import). */
async function staticGraph(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const { text } = await size(entry);
  const pattern = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
  for (const match of text.matchAll(pattern)) {
    await staticGraph(posix.normalize(posix.join(posix.dirname(entry), match[1])), seen);
  }
  return seen;
}

const html = await readFile(join(dist, "index.html"), "utf8");
const pageEntries = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
const scripts = (await readdir(join(dist, "assets"))).filter((name) => name.endsWith(".js")).map((name) => `assets/${name}`);
const workerEntries = scripts.filter((name) => /\/backend\.worker-[^/]+\.js$/.test(name));

const page = new Set();
for (const entry of pageEntries) await staticGraph(entry, page);
const worker = new Set();
for (const entry of workerEntries) await staticGraph(entry, worker);
const serviceWorker = ["sw.js"];

const groups = [
  ["page (initial)", [...page]],
  ["backend worker (initial)", [...worker].filter((f) => !page.has(f))],
  ["service worker (initial)", serviceWorker],
];
const initial = new Set(groups.flatMap(([, files]) => files));
groups.push(["lazy", scripts.filter((f) => !initial.has(f))]);

let initialGzip = 0;
console.log(`${"script".padEnd(48)} ${"raw KB".padStart(9)} ${"gzip KB".padStart(9)}`);
for (const [label, files] of groups) {
  let raw = 0;
  let gzip = 0;
  console.log(`${label}:`);
  for (const file of files.sort()) {
    const s = await size(file);
    raw += s.raw;
    gzip += s.gzip;
    console.log(`  ${file.padEnd(46)} ${kb(s.raw).padStart(9)} ${kb(s.gzip).padStart(9)}`);
  }
  console.log(`  ${"total".padEnd(46)} ${kb(raw).padStart(9)} ${kb(gzip).padStart(9)}`);
  if (label !== "lazy") initialGzip += gzip;
}

const verdict = initialGzip <= BUDGET_KB * 1024 ? "within" : "OVER";
console.log(`initial JavaScript: ${kb(initialGzip)} KB gzip, ${verdict} the budget of ${BUDGET_KB} KB`);
if (pageEntries.length === 0 || workerEntries.length === 0) {
  console.error("check-bundle: could not find the page entry or the backend worker in the build");
  process.exit(1);
}
if (verdict === "OVER") process.exit(1);
