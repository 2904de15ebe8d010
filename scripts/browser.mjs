// Find a Chromium for Playwright on a machine that cannot download Playwright's own browsers.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const SYSTEM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

async function playwrightOwn() {
  try {
    const { chromium } = await import("playwright-core");
    const p = chromium.executablePath();
    return p && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/**
 * Resolve a browser: $CHROMIUM_PATH, then the system Chromium, then Playwright's own download. When none exists and
 * we are root on Debian, install Debian's chromium (about 35 s). Otherwise fail with one line saying what to do.
 */
export async function resolveChromium({ install = true } = {}) {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist: point it at a Chrome/Chromium binary or unset it.`);
  }
  for (const c of SYSTEM) if (fs.existsSync(c)) return c;
  const own = await playwrightOwn();
  if (own) return own;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (install && isRoot && fs.existsSync("/usr/bin/apt-get")) {
    console.log("No Chromium found: installing Debian's chromium package (one time, ~35 s)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
    if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  throw new Error("No Chromium found: install one (Debian: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chrome/Chromium binary.");
}
