import type { Difficulty } from "@/lib/content/challenges";
import styles from "./challenge.module.css";

const DIFFICULTY_LABEL: Record<Difficulty, string> = { easy: "Easy", medium: "Medium", hard: "Hard" };

/** Title, difficulty and the passed badge: the same on the stand-in (challenge-loader.tsx) and the panel. */
export function ChallengeHeader({ title, titleId, difficulty, passed }: { title: string; titleId?: string; difficulty: Difficulty; passed: boolean }) {
  return (
    <header className={styles.head}>
      <h3 id={titleId} className={styles.title}>
        {title}
      </h3>
      <span className={styles.difficulty} data-difficulty={difficulty}>
        <span className="visually-hidden">Difficulty: </span>
        {DIFFICULTY_LABEL[difficulty]}
      </span>
      {passed ? (
        <span className={styles.passedBadge} data-testid="challenge-passed">
          ✓ Passed
        </span>
      ) : null}
    </header>
  );
}
