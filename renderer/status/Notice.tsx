import type { ReactNode } from "react";

const glyphs = {
  // A chain link pulled apart.
  disconnected:
    "M6.6 9.4 4.9 11.1a2.3 2.3 0 0 1-3.2-3.2l1.7-1.7M9.4 6.6l1.7-1.7a2.3 2.3 0 0 1 3.2 3.2l-1.7 1.7M5.2 1.8v2M1.8 5.2h2M10.8 14.2v-2M14.2 10.8h-2",
  // A warning triangle.
  error: "M8 2 14.6 13.6H1.4ZM8 6.4v3.4M8 11.7v.1",
  // Two pause bars.
  paused: "M5.5 3.5v9M10.5 3.5v9",
  // An envelope: messages that waited.
  away: "M2 4h12v8.5H2ZM2 4l6 5 6-5",
} as const;

interface NoticeProps {
  id: string;
  title: string;
  kind: keyof typeof glyphs;
  children: ReactNode;
}

/** A card that explains a state of the whole screen; problems are announced as alerts. */
export function Notice({ id, title, kind, children }: NoticeProps) {
  return (
    <section
      className="notice"
      data-kind={kind}
      role={kind === "error" ? "alert" : "status"}
      aria-labelledby={id}
    >
      <svg className="notice-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d={glyphs[kind]} />
      </svg>
      <div className="notice-body">
        <h2 id={id} className="notice-title">
          {title}
        </h2>
        {children}
      </div>
    </section>
  );
}
