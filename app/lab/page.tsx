import type { Metadata } from "next";
import { ComingInThisLesson } from "@/components/mdx/placeholder";

export const metadata: Metadata = { title: "Architecture lab" };

export default function LabPage() {
  return (
    <>
      <h1 className="page-title">Architecture lab</h1>
      <p className="lede">Wire a User Request through an API service and a message queue to consumer services and databases, then run it.</p>
      <ComingInThisLesson title="the architecture lab">
        A canvas of components (User Request, API Service, Message Queue, consumers, databases), trigger modes Immediate
        and After Response, four templates, and an execution log. It is being built now.
      </ComingInThisLesson>
    </>
  );
}
