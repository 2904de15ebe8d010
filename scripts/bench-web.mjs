// `npm run bench:web [paths…]`: build and serve the app, load pages in Chromium, print what a first visit costs:
// compressed JavaScript loaded before any interaction (against the budget), total transfer, LCP and CLS as measured
// in the page, then for each page every script it loaded: its compressed size and what is in it.
// Budget (issue 10): at most 120 KB of compressed JS on a lesson page before the student touches anything.
// KB here is 1024 bytes, as Chromium reports the bytes received (encodedBodySize, i.e. after gzip by `next start`).
// BENCH_PORT picks the port (default 3200).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { resolveChromium } from "./browser.mjs";
import { root, startAppServer } from "./lib.mjs";

const PAGES = process.argv.slice(2).length ? process.argv.slice(2) : ["/", "/learn/message-queues"];
const BUDGET_KB = 120;
const TOP_MODULES = 6;
// Modules that export nothing by name (React, the RSC decoder, lazy-chunk loaders): recognised by what only they contain.
const SIGNATURES = [
  [/hydrateRoot/, 100_000, "react-dom/client"],
  [/createFromReadableStream/, 10_000, "react-server-dom-turbopack/client (decodes the RSC payload)"],
  [/unstable_scheduleCallback/, 1000, "scheduler"],
  [/react\.transitional\.element/, 5000, "react"],
  [/https:\/\/react\.dev\/errors\//, 2000, "react-dom"],
  [/__PRIVATE_NEXTJS_INTERNALS_TREE/, 2000, "next/dist/client/components/app-router"],
  [/setTimeout has not been defined/, 1000, "next/dist/compiled/process (polyfill)"],
  [/"trimStart"in String\.prototype/, 500, "next/dist/build/polyfills/polyfill-module"],
  [/^[^{]*\{[^{]*\.v\([a-z]=>Promise\.all\(/, 0, "loader of a lazy chunk (next/dynamic or React.lazy)"],
];
const port = process.env.BENCH_PORT ?? "3200";
const base = `http://127.0.0.1:${port}`;
const kb = (bytes) => (bytes / 1024).toFixed(1);

const { stop } = await startAppServer(port);
const browser = await chromium.launch({ executablePath: await resolveChromium() });
const rows = [];
for (const path of PAGES) {
  const samples = [];
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext(); // cold cache every run
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__lcp = 0;
      window.__cls = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(base + path, { waitUntil: "networkidle" });
    await page.waitForTimeout(500);
    samples.push(
      await page.evaluate(() => {
        const res = performance.getEntriesByType("resource");
        const nav = performance.getEntriesByType("navigation")[0];
        const js = res.filter((r) => r.initiatorType === "script" || r.name.endsWith(".js"));
        return {
          scripts: js.map((r) => ({ url: new URL(r.name).pathname, bytes: r.encodedBodySize })),
          jsBytes: js.reduce((n, r) => n + r.encodedBodySize, 0),
          jsFiles: js.length,
          totalBytes: res.reduce((n, r) => n + r.transferSize, 0) + (nav?.transferSize ?? 0),
          lcp: window.__lcp,
          cls: window.__cls,
        };
      }),
    );
    await context.close();
  }
  const median = (k) => samples.map((s) => s[k]).sort((a, b) => a - b)[1];
  const scripts = samples.find((s) => s.jsBytes === median("jsBytes")).scripts;
  rows.push({ path, scripts, jsKB: median("jsBytes") / 1024, jsFiles: median("jsFiles"), totalKB: median("totalBytes") / 1024, lcp: median("lcp"), cls: median("cls") });
}
await browser.close();

console.log("\npage                       JS before interaction (gzip)  files  total transfer   LCP ms   CLS");
for (const r of rows) {
  const budget = r.path.startsWith("/learn/") ? `  budget ${BUDGET_KB} KB: ${r.jsKB > BUDGET_KB ? `OVER by ${(r.jsKB - BUDGET_KB).toFixed(1)} KB` : "ok"}` : "";
  console.log(`${r.path.padEnd(26)} ${r.jsKB.toFixed(1).padStart(10)} KB ${" ".repeat(17)}${String(r.jsFiles).padStart(5)}  ${r.totalKB.toFixed(1).padStart(10)} KB  ${r.lcp.toFixed(0).padStart(7)}  ${r.cls.toFixed(3)}${budget}`);
}
console.log(`(median of 3 cold loads each; budget: lesson pages at most ${BUDGET_KB} KB of compressed JS before interaction)`);
for (const r of rows) printBreakdown(r);
stop();
process.exit(0);

/*
 * What each loaded script is, read from the build in .next: a Turbopack chunk is `push([script, id, factory, id,
 * factory, …])`, so module boundaries are the `,<id>,<arrow function>` starts. Modules are named from the client
 * reference manifests (the app's client components and Next's own), else by what they export or a known signature.
 */
function printBreakdown(row) {
  const next = path.join(root, ".next");
  const manifest = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8"));
  const everyPage = new Set(manifest.rootMainFiles.map((f) => `/_next/${f}`));
  // Which routes load a chunk on first load (Next writes this at build), to tell the root layout's from a page's own.
  const statsFile = path.join(next, "diagnostics", "route-bundle-stats.json");
  const routeStats = fs.existsSync(statsFile) ? JSON.parse(fs.readFileSync(statsFile, "utf8")) : [];
  const routesOf = (url) => routeStats.filter((r) => r.firstLoadChunkPaths.some((p) => url.endsWith(p.replace(/^\.next/, "")))).map((r) => r.route);
  const names = clientModuleNames(path.join(next, "server", "app"));
  const totals = { framework: 0, layout: 0, page: 0 };
  console.log(`\n${row.path}: scripts loaded before interaction (gzip as served; br = what brotli would send; minified module bytes)`);
  for (const s of [...row.scripts].sort((a, b) => b.bytes - a.bytes)) {
    const file = path.join(next, s.url.replace(/^\/_next\//, ""));
    const shared = everyPage.has(s.url) || /\/turbopack-[^/]+\.js$/.test(s.url);
    const routes = routesOf(s.url);
    const everyRoute = routeStats.length > 0 && routes.length === routeStats.length;
    totals[shared ? "framework" : everyRoute ? "layout" : "page"] += s.bytes;
    if (!s.url.startsWith("/_next/") || !fs.existsSync(file)) {
      console.log(`  ${kb(s.bytes).padStart(6)} KB  ${s.url}`);
      continue;
    }
    const src = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(src).length;
    const role = shared ? "framework: on every page" : everyRoute ? "root layout: on every page" : `only on ${routes.join(", ") || "this page (lazy)"}`;
    console.log(`  ${kb(s.bytes).padStart(6)} KB  ${path.basename(file).padEnd(28)} br ${kb(br).padStart(5)} KB  ${role}`);
    const mods = chunkModules(src.toString("utf8"));
    if (!mods.length) console.log(`            ${kb(src.length).padStart(6)} KB  Turbopack's module runtime`);
    for (const m of mods.slice(0, TOP_MODULES)) console.log(`            ${kb(m.bytes).padStart(6)} KB  ${names.get(m.id) ?? ((m.esm && sourceOf(m.code)) || describe(m.code))}`);
    if (mods.length > TOP_MODULES) console.log(`            ${kb(mods.slice(TOP_MODULES).reduce((n, m) => n + m.bytes, 0)).padStart(6)} KB  ${mods.length - TOP_MODULES} more modules`);
  }
  console.log(`  = framework (React, Next.js runtime) ${kb(totals.framework)} KB + root layout ${kb(totals.layout)} KB + this page's own ${kb(totals.page)} KB`);
}

function chunkModules(src) {
  // `id,e=>{…}` is an ES module (the app's own code is always one); `id,(e,t,r)=>{…}` is CommonJS (React, Next).
  const starts = [...src.matchAll(/[,[](\d{1,7}),(\([a-z],[a-z],[a-z]\)|[a-z])=>\{/g)].map((m) => ({ id: Number(m[1]), at: m.index + 1, esm: !m[2].startsWith("(") }));
  return starts
    .map((s, i) => ({ id: s.id, esm: s.esm, code: src.slice(s.at, starts[i + 1]?.at ?? src.length) }))
    .map((m) => ({ ...m, bytes: m.code.length }))
    .sort((a, b) => b.bytes - a.bytes);
}

function clientModuleNames(dir) {
  const names = new Map();
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith("_client-reference-manifest.js")) {
        const text = fs.readFileSync(p, "utf8");
        const json = JSON.parse(text.slice(text.lastIndexOf("] = ") + 4).replace(/;\s*$/, ""));
        for (const [key, mod] of Object.entries(json.clientModules ?? {})) names.set(Number(mod.id), key.replace(/^\[project\]\//, "").replace(/ <[^>]*>$/, ""));
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return names;
}


/** The app's own module (mangled exports, no manifest entry) found by a string literal only one source file has. */
function sourceOf(code) {
  // Read once, on first use (a function property: this runs before module-level declarations below the main code).
  if (!sourceOf.files) {
    sourceOf.files = [];
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) sourceOf.files.push({ file: path.relative(root, p), text: fs.readFileSync(p, "utf8") });
      }
    };
    for (const d of ["app", "components", "lib"]) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  }
  const sources = sourceOf.files;
  for (const [, literal] of code.matchAll(/"([^"\\]{12,80})"/g)) {
    const hits = sources.filter((s) => s.text.includes(literal));
    if (hits.length === 1) return hits[0].file;
  }
  return null;
}

function describe(code) {
  for (const [re, minBytes, name] of SIGNATURES) if (code.length >= minBytes && re.test(code)) return name;
  const esm = /e\.s\(\[((?:"[\w$]+",\d+,[\s\S]*?)+)\]\)/.exec(code);
  const exported = esm ? [...esm[1].matchAll(/"([\w$]+)",\d+,/g)].map((m) => m[1]) : [];
  if (exported.length) return `module exporting ${exported.slice(0, 4).join(", ")}`;
  const cjs = [...code.matchAll(/([\w$]+):function\(\)\{return/g)].map((m) => m[1]).filter((k) => k !== "get");
  const single = [...code.matchAll(/Object\.defineProperty\([a-z],"([\w$]+)",\{enumerable/g)].map((m) => m[1]).filter((k) => k !== "default");
  const keys = cjs.length ? cjs : single;
  if (keys.length) return `next/react internals: ${keys.slice(0, 4).join(", ")}`;
  return `(unnamed) ${code.slice(code.indexOf("{") + 1, code.indexOf("{") + 60).replace(/\s+/g, " ")}…`;
}
