import { getChallenge } from "@/lib/content/challenges";
import { ContentError } from "@/lib/content/errors";
import { ChallengeLoader } from "./challenge-loader";
import type { ChallengeInitialState } from "./challenge-panel";
import { Markdown } from "./markdown";

/**
 * `<Challenge id="…" />` in a lesson's Coding Challenge step. A Server Component: it reads only the challenge's
 * PUBLIC parts (prompt, starter, visible tests, hints; lib/content/challenges.ts), renders the Markdown here, and
 * for a signed-in student adds their saved draft and whether the solution is unlocked. Hidden tests and the
 * reference solution are never read on this path; the solution is served by its own route once earned.
 */
export async function Challenge({ id }: { id: string }) {
  const challenge = getChallenge(id);
  if (!challenge) throw new ContentError([{ file: `content/challenges/${id}/challenge.md`, message: `<Challenge id="${id}">: no such challenge` }]);

  // Imported on render: the MDX registry is also loaded by the content checker in plain Node, where Auth.js cannot.
  const [{ currentUserId }, { getDraft }, { attemptState, FAILURES_TO_UNLOCK_SOLUTION }] = await Promise.all([
    import("@/lib/server/session"),
    import("@/lib/server/drafts"),
    import("@/lib/server/submissions"),
  ]);
  const userId = await currentUserId();
  let initial: ChallengeInitialState = { draft: null, passed: false, failedSubmissions: 0 };
  if (userId) {
    const [draft, state] = await Promise.all([getDraft(userId, id), attemptState(userId, id)]);
    initial = { draft: draft?.code ?? null, passed: state.passed, failedSubmissions: state.failed };
  }

  return (
    <ChallengeLoader
      id={challenge.id}
      title={challenge.title}
      difficulty={challenge.difficulty}
      starter={challenge.starter}
      visibleTests={challenge.visibleTests}
      exports={challenge.exports}
      timeoutMs={challenge.limits.timeoutMs}
      signedIn={Boolean(userId)}
      initial={initial}
      failuresToUnlock={FAILURES_TO_UNLOCK_SOLUTION}
      prompt={<Markdown source={challenge.prompt} />}
      hints={challenge.hints.map((h, i) => (
        <Markdown key={i} source={h} />
      ))}
    />
  );
}
