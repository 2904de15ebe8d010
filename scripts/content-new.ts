// `npm run content:new -- lesson <slug>`: scaffold a lesson with the nine steps, next in course order.
import fs from "node:fs";
import path from "node:path";
import { STEPS } from "../lib/content/steps";

const [kind, slug] = process.argv.slice(2);
if (kind !== "lesson" || !slug || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
  console.error("usage: npm run content:new -- lesson <kebab-case-slug>");
  process.exit(2);
}
const dir = path.resolve(process.env.DECOUPLED_CONTENT_DIR ?? "content", "lessons");
fs.mkdirSync(dir, { recursive: true });
const existing = fs.readdirSync(dir).filter((f) => /^\d{2}-.+\.mdx$/.test(f));
if (existing.some((f) => f.slice(3, -4) === slug)) {
  console.error(`A lesson with slug "${slug}" already exists.`);
  process.exit(1);
}
const order = existing.reduce((n, f) => Math.max(n, Number(f.slice(0, 2))), 0) + 1;
const file = path.join(dir, `${String(order).padStart(2, "0")}-${slug}.mdx`);
const title = slug.replace(/-/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
const hints: Record<string, string> = {
  why: "Open with a concrete problem the student recognises (numbers help), then what this lesson lets them do about it.",
  terms: "Six to ten term cards:\n\n<Glossary>\n<Term name=\"First term\">\n\nOne or two sentences, in plain words.\n\n</Term>\n</Glossary>",
  visual: "Say what to watch for, then embed a model.\n\n<VisualModel id=\"message-queue\" />",
  code: "Frame the example (create content/examples/" + slug + "/example.ts).\n\n<CodeExample id=\"" + slug + "\" />",
  experiment: "Three or four experiments, each with its own file content/examples/" + slug + "/ID.ts:\n\n<Experiment id=\"first\" example=\"" + slug + "\" title=\"Try a change\">\n\nWhat was changed and what to tweak.\n\n**What you should observe:** the real output.\n\n</Experiment>",
  quiz: "Frame the quiz (create content/quizzes/" + slug + ".yaml).\n\n<Quiz id=\"" + slug + "\" />",
  challenge: "Frame the task.\n\n<Challenge id=\"task-queue\" />",
  "real-world": "Compare how real systems (RabbitMQ, Kafka, SQS/SNS, ...) do this, with facts you have checked.",
  connections: "Link related lessons, e.g. [Message Queues](/learn/message-queues), and say what to learn next.",
};
const body = STEPS.map((s) => `<Step id="${s.id}">\n\n{/* ${s.title} */}\nTODO: ${hints[s.id]}\n\n</Step>`).join("\n\n");
fs.writeFileSync(
  file,
  `---\nslug: ${slug}\ntitle: ${title}\nsummary: TODO one or two sentences shown on the course home and the lesson header.\ncategory: Foundations\nminutes: 30\norder: ${order}\nprerequisites: []\nrelated: []\n---\n\n${body}\n`,
);
console.log(`Created ${path.relative(process.cwd(), file)}. Next: npm run dev, open /learn/${slug}, and run npm run content:check.`);
