// `node scripts/bench-visual.mjs`: frame timing of the work-queue visual model under load. Builds and serves the app
// (like bench:web), opens /learn/work-queues in Chromium, removes a worker and plays at 4× until at least 200 messages
// are in the simulation, then records requestAnimationFrame intervals for 5 s while it keeps playing. Prints mean fps,
// p95/max frame time and how many token elements were on screen. `--cpu 4` adds Chrome's CPU throttling (a slow phone).
import { chromium } from "playwright-core";
import { resolveChromium } from "./browser.mjs";
import { startAppServer } from "./lib.mjs";

const args = process.argv.slice(2);
const cpuIdx = args.indexOf("--cpu");
const cpuRates = cpuIdx >= 0 ? [1, Number(args[cpuIdx + 1] ?? 4)] : [1];
const TARGET_MESSAGES = 200;
const { base, stop } = await startAppServer(Number(process.env.BENCH_PORT ?? 3300));

/** Messages still in the simulation: waiting in the queue plus in flight, read from the model's own counts. */
async function liveMessages(model) {
  const text = await model.locator('[data-node="resize-jobs"]').textContent();
  const waiting = Number(/(\d+) waiting/.exec(text ?? "")?.[1] ?? 0);
  const inflight = Number(/(\d+) in flight/.exec(text ?? "")?.[1] ?? 0);
  return waiting + inflight;
}

const browser = await chromium.launch({ executablePath: await resolveChromium() });
const results = [];
for (const cpu of cpuRates) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  await cdp.send("Performance.enable");
  const busy = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  await page.goto(`${base}/learn/work-queues`, { waitUntil: "networkidle" });
  const model = page.locator('[data-testid="visual-model"][data-model="work-queue"]');
  await model.scrollIntoViewIfNeeded();
  await page.locator('[data-testid="visual-model"][data-model="work-queue"][data-ready="true"]').waitFor();
  await model.getByRole("button", { name: "Remove a worker" }).click();
  await model.getByLabel("Speed").selectOption("4");
  await model.getByRole("button", { name: "Play" }).click();
  const t0 = Date.now();
  while ((await liveMessages(model)) < TARGET_MESSAGES) {
    if (Date.now() - t0 > 180_000) throw new Error("the backlog did not reach 200 messages in 3 minutes");
    await page.waitForTimeout(1000);
  }
  const messages = await liveMessages(model);
  const before = await busy();
  const sample = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const stamps = [];
        const tokenCounts = [];
        const start = performance.now();
        const frame = (t) => {
          stamps.push(t);
          if (stamps.length % 30 === 0) tokenCounts.push(document.querySelectorAll('[data-model="work-queue"] [data-tint]').length);
          if (t - start < 5000) requestAnimationFrame(frame);
          else resolve({ stamps, tokenCounts });
        };
        requestAnimationFrame(frame);
      }),
  );
  const after = await busy();
  // Main-thread seconds spent per kind of work during the sample, as a share of the wall time.
  const share = (k) => ((after[k] - before[k]) / ((sample.stamps[sample.stamps.length - 1] - sample.stamps[0]) / 1000)) * 100;
  const gaps = sample.stamps.slice(1).map((t, i) => t - sample.stamps[i]);
  const sorted = [...gaps].sort((a, b) => a - b);
  const total = sample.stamps[sample.stamps.length - 1] - sample.stamps[0];
  results.push({
    cpu,
    messages,
    tokensOnScreen: Math.max(...sample.tokenCounts),
    fps: (gaps.length / total) * 1000,
    p95: sorted[Math.floor(sorted.length * 0.95)],
    max: sorted[sorted.length - 1],
    over33: gaps.filter((g) => g > 33.4).length,
    frames: gaps.length,
    script: share("ScriptDuration"),
    style: share("RecalcStyleDuration"),
    layout: share("LayoutDuration"),
    task: share("TaskDuration"),
  });
  await context.close();
}
await browser.close();

console.log("\nwork-queue model, playing at 4×, 5 s of requestAnimationFrame intervals");
console.log("CPU     messages in sim  tokens drawn  mean fps  p95 frame ms  max frame ms  frames > 33 ms   main thread busy: script  style  layout  all tasks");
for (const r of results) {
  const pc = (v) => `${v.toFixed(0)}%`.padStart(7);
  console.log(
    `${(r.cpu === 1 ? "1×" : `${r.cpu}× slow`).padEnd(8)}${String(r.messages).padStart(15)}${String(r.tokensOnScreen).padStart(14)}${r.fps.toFixed(1).padStart(10)}${r.p95.toFixed(1).padStart(14)}${r.max.toFixed(1).padStart(14)}${`${r.over33}/${r.frames}`.padStart(16)}${" ".repeat(19)}${pc(r.script)}${pc(r.style)}${pc(r.layout)}${pc(r.task).padStart(11)}`,
  );
}
stop();
process.exit(0);
