import { LessonList } from "@/components/lesson/lesson-list";
import { listLessons } from "@/lib/content/lessons";
import { getCompletedSteps } from "@/lib/server/progress";
import { currentUserId } from "@/lib/server/session";

export default async function HomePage() {
  const lessons = listLessons().map(({ slug, title, summary, category, minutes, order }) => ({ slug, title, summary, category, minutes, order }));
  const userId = await currentUserId();
  const serverCompleted = userId ? await getCompletedSteps(userId) : null;
  return (
    <>
      <h1 className="page-title">Message queues, by running them</h1>
      <p className="lede">
        Eight lessons from &ldquo;why queues?&rdquo; to partitioned logs. Every lesson has a visual model you can play with,
        code you can run, a quiz, and a coding challenge graded on our server.
        {userId ? null : " Your progress is kept in this browser until you sign up; nothing is lost when you do."}
      </p>
      <LessonList lessons={lessons} serverCompleted={serverCompleted} />
    </>
  );
}
