-- DropIndex
DROP INDEX "ChallengeSubmission_status_createdAt_idx";

-- AlterTable
ALTER TABLE "ChallengeSubmission" ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "ChallengeSubmission_status_priority_createdAt_idx" ON "ChallengeSubmission"("status", "priority", "createdAt");
