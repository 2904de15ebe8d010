-- CreateTable
CREATE TABLE "GraderWorker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeen" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "windowStart" BIGINT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("key", "windowStart")
);

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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "ChallengeSubmission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Rows from before the queue were graded on the spot: their author is their user, their CPU time their duration.
INSERT INTO "new_ChallengeSubmission" ("challengeId", "code", "createdAt", "durationMs", "id", "passed", "result", "status", "total", "userId", "author", "cpuMs", "attempts", "finishedAt") SELECT "challengeId", "code", "createdAt", "durationMs", "id", "passed", "result", "status", "total", "userId", 'user:' || "userId", "durationMs", 1, "createdAt" FROM "ChallengeSubmission";
DROP TABLE "ChallengeSubmission";
ALTER TABLE "new_ChallengeSubmission" RENAME TO "ChallengeSubmission";
CREATE INDEX "ChallengeSubmission_userId_challengeId_createdAt_idx" ON "ChallengeSubmission"("userId", "challengeId", "createdAt");
CREATE INDEX "ChallengeSubmission_author_status_idx" ON "ChallengeSubmission"("author", "status");
CREATE INDEX "ChallengeSubmission_status_createdAt_idx" ON "ChallengeSubmission"("status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "GraderWorker_name_key" ON "GraderWorker"("name");

-- CreateIndex
CREATE INDEX "RateLimitWindow_windowStart_idx" ON "RateLimitWindow"("windowStart");

