import type { ReactNode } from "react";
import "./disclosure.css";

/** Settings most people never need (paths, patterns), closed until asked for. */
export function Disclosure({
  summary,
  open,
  children,
}: {
  summary: string;
  /** True opens it (an error inside it must be seen); false leaves it as the person left it. */
  open?: boolean;
  children: ReactNode;
}) {
  return (
    <details className="disclosure" {...(open ? { open: true } : {})}>
      <summary>{summary}</summary>
      <div className="disclosure-body">{children}</div>
    </details>
  );
}
