import type { ReactNode } from "react";
import "./disclosure.css";

/** Settings most people never need (paths, patterns), closed until asked for. */
export function Disclosure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="disclosure">
      <summary>{summary}</summary>
      <div className="disclosure-body">{children}</div>
    </details>
  );
}
