// `npm run bench:web`: build and serve the app, load pages in Chromium, print what a first visit costs:
// compressed JavaScript loaded before any interaction, total transfer, LCP and CLS as measured in the page.
// Budget (issue 2): under 150 KB of compressed JS on a lesson page before the student opens an editor.
import { chromium } from "playwright-core";
import { resolveChromium } from "./browser.mjs";
import { startAppServer } from "./lib.mjs";

const PAGES = process.argv.slice(2).length ? process.argv.slice(2) : ["/", "/learn/message-queues"];
const BUDGET_KB = 150;
const port = process.env.BENCH_PORT ?? "3200";
const base = `http://127.0.0.1:${port}`;

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
  rows.push({ path, jsKB: median("jsBytes") / 1024, jsFiles: median("jsFiles"), totalKB: median("totalBytes") / 1024, lcp: median("lcp"), cls: median("cls") });
}
await browser.close();

console.log("\npage                       JS before interaction (gzip)  files  total transfer   LCP ms   CLS");
for (const r of rows) {
  const flag = r.path.startsWith("/learn/") && r.jsKB > BUDGET_KB ? `  OVER ${BUDGET_KB} KB BUDGET` : "";
  console.log(`${r.path.padEnd(26)} ${r.jsKB.toFixed(1).padStart(10)} KB ${" ".repeat(17)}${String(r.jsFiles).padStart(5)}  ${r.totalKB.toFixed(1).padStart(10)} KB  ${r.lcp.toFixed(0).padStart(7)}  ${r.cls.toFixed(3)}${flag}`);
}
console.log(`(median of 3 cold loads each; budget: lesson pages under ${BUDGET_KB} KB of compressed JS)`);
stop();
process.exit(0);
