// Another process holding a SQLite file's write lock, for tests of what the app does meanwhile (a second web
// instance, the grading runner or `sqlite3` in a terminal mid-transaction). A separate process on purpose: libsql
// waits for a lock synchronously, so the waiting test process could not release a lock it held itself.
//
//   node tests/support/sqlite-lock-holder.mjs <file> [releaseAfterMs]
//
// Takes the write lock (BEGIN IMMEDIATE, which in WAL mode is what BEGIN EXCLUSIVE amounts to), prints
// `locked <epoch ms>`, then commits when a line `release` arrives on stdin, or `releaseAfterMs` after locking if
// given, prints `released <epoch ms>` and exits.
import readline from "node:readline";
import { createClient } from "@libsql/client";

const [file, after] = process.argv.slice(2);
const client = createClient({ url: `file:${file}` });
const tx = await client.transaction("write");
await tx.execute("SELECT count(*) FROM User"); // touch the file inside the lock, like a real writer
console.log(`locked ${Date.now()}`);

let done = false;
async function release() {
  if (done) return;
  done = true;
  await tx.commit();
  console.log(`released ${Date.now()}`);
  client.close();
  process.exit(0);
}
if (after) setTimeout(release, Number(after));
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "release") void release();
});
