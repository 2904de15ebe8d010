// Look at a page the way a student sees it: node scripts/screenshot.mjs <url> <out.png> [width] [height] [light|dark] [full]
// (serve the app first, e.g. `npm start`). Handy for checking layouts at 360 px and in dark mode.
import { chromium } from "playwright-core";
import { resolveChromium } from "./browser.mjs";

const [url, out, w = "1280", h = "900", scheme = "light", full = ""] = process.argv.slice(2);
if (!url || !out) {
  console.error("usage: node scripts/screenshot.mjs <url> <out.png> [width] [height] [light|dark] [full]");
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: await resolveChromium({ install: false }) });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, colorScheme: scheme === "dark" ? "dark" : "light" });
await page.goto(url, { waitUntil: "networkidle" });
await page.screenshot({ path: out, fullPage: full === "full" });
await browser.close();
console.log(`saved ${out}`);
