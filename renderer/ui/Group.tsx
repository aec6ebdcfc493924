import type { ReactNode } from "react";

/** A titled group of rows, the grouped-form look of System Settings. */
export function Group({
  id,
  title,
  lead,
  children,
}: {
  id: string;
  title: string;
  lead?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="group-title">
        {title}
      </h2>
      {lead ? <p className="section-lead group-lead">{lead}</p> : null}
      <div className="group">{children}</div>
    </section>
  );
}
