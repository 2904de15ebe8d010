import "server-only";
import fs from "node:fs";
import path from "node:path";
import { CHALLENGE_FILES, challengesDir, getChallenge, type Challenge } from "@/lib/content/challenges";
import { contentRoot } from "@/lib/content/paths";

/*
 * Challenges on the server: the only place the app reads hidden tests and reference solutions. Pages use
 * `getChallenge` / `listChallenges` from lib/content/challenges.ts (public parts only); grading uses
 * `loadChallengeForGrading`. Nothing here may be passed to a client component or returned from a route as is.
 */

export interface ChallengeSecrets {
  /** TypeScript source of hidden.test.ts: NEVER send to a browser or include in an error message. */
  hiddenTests: string;
  /** TypeScript source of the reference solution.ts: NEVER send to a browser. */
  solution: string;
}

const secretsCache = new Map<string, { stamp: string; secrets: ChallengeSecrets }>();

function stampOf(files: string[]): string {
  return files.map((f) => `${f}@${fs.statSync(f).mtimeMs}`).join("|");
}

/**
 * !!! HIDDEN TESTS AND THE REFERENCE SOLUTION ARE READ HERE !!!
 * Reads content/challenges/<id>/hidden.test.ts and solution.ts. Returns null for an unknown challenge. The result
 * is for the grader only: never render it, log it, return it from a route or put it in an error message.
 */
export function loadChallengeSecrets(id: string, root: string = contentRoot()): ChallengeSecrets | null {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return null;
  const dir = path.join(challengesDir(root), id);
  const hiddenFile = path.join(dir, CHALLENGE_FILES.hiddenTests);
  const solutionFile = path.join(dir, CHALLENGE_FILES.solution);
  if (!fs.existsSync(hiddenFile) || !fs.existsSync(solutionFile)) return null;
  const stamp = stampOf([hiddenFile, solutionFile]);
  const hit = secretsCache.get(dir);
  if (hit?.stamp === stamp) return hit.secrets;
  const secrets = { hiddenTests: fs.readFileSync(hiddenFile, "utf8"), solution: fs.readFileSync(solutionFile, "utf8") };
  secretsCache.set(dir, { stamp, secrets });
  return secrets;
}

/**
 * The public challenge plus its hidden tests, for grading. Null for an unknown id (or a folder without hidden
 * tests); throws a ContentError when the challenge's files do not validate.
 */
export function loadChallengeForGrading(id: string, root: string = contentRoot()): { challenge: Challenge; hiddenTests: string } | null {
  const challenge = getChallenge(id, root);
  if (!challenge) return null;
  const secrets = loadChallengeSecrets(id, root);
  if (!secrets) return null;
  return { challenge, hiddenTests: secrets.hiddenTests };
}
