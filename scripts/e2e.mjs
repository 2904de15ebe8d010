// `npm run test:e2e`: Playwright in real Chromium against a production build. Extra args go to Playwright.
import { resolveChromium } from "./browser.mjs";
import { bin, run } from "./lib.mjs";

try {
  process.env.CHROMIUM_PATH = await resolveChromium();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
process.exit(await run(bin("playwright"), ["test", ...process.argv.slice(2)]));
