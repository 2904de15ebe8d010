import type { ContentChecker } from "./check";
import { checkChallenges } from "./challenges";
import { checkQuizzes } from "./quizzes";

/**
 * Checkers for graded content (quizzes, challenges) that run after the lesson checks. Each feature registers its
 * own here so `npm run content:check` and the test suite run the same list.
 */
export const contentCheckers: ContentChecker[] = [checkQuizzes, (root) => checkChallenges(root)];
