// `npm run content:check`: validate everything in content/ and print each problem as `file:line: message`.
import { checkContent } from "../lib/content/check";
import { formatProblem } from "../lib/content/errors";
import { contentCheckers } from "../lib/content/checkers";

const started = performance.now();
const problems = await checkContent(contentCheckers);
for (const p of problems) console.error(formatProblem(p));
const ms = Math.round(performance.now() - started);
if (problems.length) {
  console.error(`\ncontent check: ${problems.length} problem${problems.length === 1 ? "" : "s"} (${ms} ms)`);
  process.exit(1);
}
console.log(`content check: all content valid (${ms} ms)`);
