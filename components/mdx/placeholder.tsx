/**
 * Stands in for an interactive part that is not built yet, saying plainly what will appear here, so a lesson is
 * complete and readable today and gains the widget the moment it lands.
 */
export function ComingInThisLesson({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="panel-placeholder" role="note">
      <strong>Coming in this lesson: {title}</strong>
      <span>{children}</span>
    </div>
  );
}
