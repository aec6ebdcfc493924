import type { SectionId } from "./sections.ts";

// Line glyphs on a 16-unit grid, stroked in the text colour so they follow the theme and selection.
const glyphs: Record<SectionId, string> = {
  status: "M1.5 8.5h3l2-5 3 9 2-4h3",
  pairing:
    "M6 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM1.5 14c0-2.6 2-4.5 4.5-4.5s4.5 1.9 4.5 4.5M12.5 5v5M10 7.5h5",
  allowlists: "M1.8 4l1.2 1.2L5.2 3M1.8 9.5l1.2 1.2 2.2-2.2M7.5 4.2h7M7.5 9.7h7M7.5 14h4",
  reminders:
    "M8 14.2a5.7 5.7 0 1 0 0-11.4 5.7 5.7 0 0 0 0 11.4ZM8 5.5v3.2l2.2 1.4M2.2 3.6 4 1.8M13.8 3.6 12 1.8",
  accounts:
    "M8 1.8a6.2 6.2 0 1 0 0 12.4 6.2 6.2 0 0 0 0-12.4ZM8 8.6a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4ZM4 12.6c.8-1.6 2.3-2.5 4-2.5s3.2.9 4 2.5",
  logs: "M2.5 3.5h11M2.5 6.5h11M2.5 9.5h7M2.5 12.5h9",
  settings:
    "M8 10.2a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4ZM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4",
};

export function SectionIcon({ section }: { section: SectionId }) {
  return (
    <svg className="section-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={glyphs[section]} />
    </svg>
  );
}
