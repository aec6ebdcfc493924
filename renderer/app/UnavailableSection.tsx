import { SectionIcon } from "./SectionIcon.tsx";
import type { Section } from "./sections.ts";

/** What a section will hold, for sections whose screen has not been built yet. */
export function UnavailableSection({ section }: { section: Section }) {
  return (
    <div className="unavailable">
      <div className="unavailable-icon">
        <SectionIcon section={section.id} />
      </div>
      <p className="unavailable-description">{section.description}</p>
      <p className="unavailable-note">
        <span className="pill pill-neutral">Not available yet</span>
        This version of Pinch does not include this section.
      </p>
    </div>
  );
}
