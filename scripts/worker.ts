// `npm run worker`: a grading worker process. Start any number, on any machine that reaches the PostgreSQL database
// (DATABASE_URL=postgresql://…); each grades submissions from the shared queue in the QuickJS sandbox, GRADER_POOL_SIZE
// at a time, and releases the jobs of workers that died. SIGTERM or Ctrl-C stops it gracefully: it takes no new job,
// finishes the current ones and removes itself; a second signal (a few seconds later) quits at once, and whatever
// it was grading is retried elsewhere.
//
// Runs under `tsx --conditions=react-server` (package.json): lib/server modules import "server-only", which throws
// unless the react-server export condition is set, as it is inside Next's server.
import { databaseKind, databaseUrl } from "../lib/db-factory";
import { startGraphileGrader } from "../lib/server/grading-queue/graphile-runner";
import { closeGradingPool, getGradingPool } from "../lib/server/grading";

const url = databaseUrl();
if (databaseKind(url) !== "postgresql") {
  console.error(
    "npm run worker needs a PostgreSQL database (DATABASE_URL=postgresql://…). On SQLite (the default) grading runs " +
      "inside `npm start` itself: there is nothing to start.",
  );
  process.exit(1);
}

const grader = await startGraphileGrader();
const me = grader.identity();
console.log(
  `Grading worker ${me.name} (pid ${me.pid} on ${me.host}): ${getGradingPool().size} at a time, ` +
    `database ${url.replace(/\/\/[^@/]*@/, "//…@")}. Ctrl-C stops it after the current jobs.`,
);

let firstSignalAt = 0;
async function shutdown(signal: NodeJS.Signals) {
  const now = Date.now();
  if (firstSignalAt) {
    // tsx relays the signal the process group already got: only a later, separate signal means "quit now".
    if (now - firstSignalAt > 2_000) {
      console.log(`${signal} again: quitting without finishing the current jobs (they will be retried elsewhere).`);
      process.exit(1);
    }
    return;
  }
  firstSignalAt = now;
  console.log(`${signal}: finishing the current jobs, then stopping.`);
  // The grader's watchdog bounds every job; this only guards against a stop that hangs on the database.
  setTimeout(() => process.exit(1), 60_000).unref();
  await grader.stop();
  await closeGradingPool();
  console.log(`Grading worker ${me.name} stopped.`);
  process.exit(0);
}
process.on("SIGTERM", (s) => void shutdown(s));
process.on("SIGINT", (s) => void shutdown(s));
