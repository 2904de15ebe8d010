-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChallengeSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "author" TEXT NOT NULL,
    "challengeId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "passed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "cpuMs" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "workerName" TEXT,
    "deadLettered" BOOLEAN NOT NULL DEFAULT false,
    "guestAttempts" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "ChallengeSubmission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChallengeSubmission" ("attempts", "author", "challengeId", "code", "cpuMs", "createdAt", "deadLettered", "durationMs", "finishedAt", "guestAttempts", "id", "passed", "result", "startedAt", "status", "total", "userId", "workerName") SELECT "attempts", "author", "challengeId", "code", "cpuMs", "createdAt", "deadLettered", "durationMs", "finishedAt", "guestAttempts", "id", "passed", "result", "startedAt", "status", "total", "userId", "workerName" FROM "ChallengeSubmission";
DROP TABLE "ChallengeSubmission";
ALTER TABLE "new_ChallengeSubmission" RENAME TO "ChallengeSubmission";
CREATE INDEX "ChallengeSubmission_userId_challengeId_createdAt_idx" ON "ChallengeSubmission"("userId", "challengeId", "createdAt");
CREATE INDEX "ChallengeSubmission_author_status_idx" ON "ChallengeSubmission"("author", "status");
CREATE INDEX "ChallengeSubmission_status_priority_createdAt_idx" ON "ChallengeSubmission"("status", "priority", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

