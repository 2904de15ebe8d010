import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { contentVersion } from "@/lib/content/version";
import { LessonProgressProvider } from "@/components/lesson/lesson-progress";
import { LessonProgressBar } from "@/components/lesson/progress-bar";
import { StepNavigator } from "@/components/lesson/step-navigator";
import { mdxComponents } from "@/components/mdx/registry";
import { checkLessonBody } from "@/lib/content/check";
import { ContentError, formatProblem } from "@/lib/content/errors";
import { getLesson, listLessons, readLessons } from "@/lib/content/lessons";
import { compileLesson } from "@/lib/content/render";
import { isStepId } from "@/lib/content/steps";
import { getCompletedSteps } from "@/lib/server/progress";
import { currentUserId } from "@/lib/server/session";

type Props = { params: Promise<{ slug: string }> };

// Runs at build: invalid frontmatter anywhere in content/lessons fails `next build` with file:line: message.
// In development it runs per request: there a throw would put Next's error overlay over the page, which shows content
// errors itself (DevContentError), so broken content lists no lessons here and the page explains.
export function generateStaticParams() {
  try {
    return listLessons().map((l) => ({ slug: l.slug }));
  } catch (e) {
    if (process.env.NODE_ENV === "development" && e instanceof ContentError) return [];
    throw e;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  try {
    const lesson = getLesson(slug);
    return lesson ? { title: lesson.title, description: lesson.summary } : { title: "Lesson not found" };
  } catch {
    return { title: "Lesson has errors" };
  }
}

/**
 * Development only: reloads the page when content/ changes. Imported inside a branch that is constant in production,
 * so the production build leaves the poller's client code out of the lesson's JavaScript.
 */
async function DevContentReload({ version }: { version: number }) {
  if (process.env.NODE_ENV === "development") {
    const { ContentReload } = await import("@/components/lesson/content-reload");
    return <ContentReload version={version} />;
  }
  return null;
}

/** In development a broken lesson shows the checker's messages in the page; in production it fails loudly. */
function DevContentError({ problems, version }: { problems: string[]; version: number }) {
  return (
    <div>
      <h1 className="page-title">This lesson has content errors</h1>
      <p className="lede">Fix these and save: the page reloads by itself.</p>
      <pre className="dev-error" data-testid="content-errors">
        {problems.join("\n")}
      </pre>
      <DevContentReload version={version} />
    </div>
  );
}

export default async function LessonPage({ params }: Props) {
  const { slug } = await params;
  const dev = process.env.NODE_ENV === "development";
  // Read before the lesson, so a save that lands while this page renders still counts as newer.
  const version = dev ? contentVersion() : 0;

  let lesson;
  try {
    lesson = getLesson(slug);
  } catch (e) {
    if (dev && e instanceof ContentError) return <DevContentError problems={e.problems.map(formatProblem)} version={version} />;
    throw e;
  }
  if (!lesson) notFound();

  let Content;
  try {
    Content = await compileLesson(lesson.body);
  } catch (e) {
    if (!dev) throw new ContentError([{ file: lesson.file, message: `MDX does not compile: ${(e as Error).message}` }]);
    const slugs = new Set(readLessons().lessons.map((l) => l.slug));
    const problems = checkLessonBody(lesson, slugs);
    return <DevContentError problems={(problems.length ? problems : [{ file: lesson.file, message: String((e as Error).message) }]).map(formatProblem)} version={version} />;
  }
  if (dev) {
    const problems = checkLessonBody(lesson, new Set(readLessons().lessons.map((l) => l.slug)));
    if (problems.length) return <DevContentError problems={problems.map(formatProblem)} version={version} />;
  }

  const userId = await currentUserId();
  const completed = userId ? ((await getCompletedSteps(userId))[slug] ?? []).filter(isStepId) : [];

  return (
    <LessonProgressProvider key={userId ?? "guest"} slug={slug} signedIn={Boolean(userId)} initialCompleted={completed}>
      <article>
        <header className="lesson-header">
          <div className="lesson-kicker">
            <strong>{lesson.category}</strong>
            <span>{lesson.minutes} min</span>
          </div>
          <h1 className="page-title">{lesson.title}</h1>
          <p className="lede">{lesson.summary}</p>
          <LessonProgressBar />
        </header>
        <div className="lesson-layout">
          <StepNavigator />
          <div className="lesson-steps">
            <Content components={mdxComponents as never} />
          </div>
        </div>
      </article>
      {dev ? <DevContentReload version={version} /> : null}
    </LessonProgressProvider>
  );
}
