import type { Metadata } from "next";
import { LabLoader } from "@/components/lab/lab-loader";
import { getTask, getTemplate, type TemplateId } from "@/lib/lab";
import { getSharedLabDesign, LabDesignError, type SharedLabDesign } from "@/lib/server/lab-designs";
import { currentUserId } from "@/lib/server/session";

export const metadata: Metadata = {
  title: "Architecture lab",
  description: "Wire a request through an API service and a message queue to consumer services and databases, then run it in your browser.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** /lab, /lab?template=<id>, /lab?task=<id>, and /lab?share=<shareId> for a design someone shared. */
export default async function LabPage({ searchParams }: Props) {
  const params = await searchParams;
  const userId = await currentUserId();

  const shareId = one(params.share);
  let shared: SharedLabDesign | null = null;
  let shareProblem: string | null = null;
  if (shareId) {
    try {
      shared = await getSharedLabDesign(shareId, userId);
      if (!shared) shareProblem = "That share link does not lead to a design: it may have been deleted, or the link is incomplete.";
    } catch (e) {
      if (!(e instanceof LabDesignError)) throw e;
      shareProblem = `That shared design cannot be opened: ${e.message}.`;
    }
  }
  const template = one(params.template);
  const task = one(params.task);

  return (
    <>
      <h1 className="page-title">Architecture lab</h1>
      <p className="lede">
        Wire a User Request through an API Service and a Message Queue to consumer services and databases, then run it: every service’s code runs in
        your browser, and the log, the consumer status and the tables show what happened.
      </p>
      {shareProblem ? (
        <p className="form-error" role="alert">
          {shareProblem} The lab opened with your own design instead.
        </p>
      ) : null}
      <h2 className="visually-hidden">Your design</h2>
      <LabLoader
        variant="page"
        signedIn={Boolean(userId)}
        shared={shared ? { name: shared.name, shareId: shared.shareId, design: shared.design, ownedByViewer: shared.ownedByViewer, id: shared.id } : null}
        templateId={template && getTemplate(template) ? (template as TemplateId) : undefined}
        taskId={task && getTask(task) ? task : undefined}
      />
    </>
  );
}
