import type { OverallStatus } from "../../app/services/overall-status.ts";
import { useGatewayStatus } from "../bridge/hooks.ts";
import { SectionIcon } from "./SectionIcon.tsx";
import { type SectionId, sections } from "./sections.ts";
import "./sidebar.css";

interface SidebarProps {
  selected: SectionId;
  onSelect: (section: SectionId) => void;
}

export function Sidebar({ selected, onSelect }: SidebarProps) {
  const status = useGatewayStatus();
  const overall = status.kind === "ready" ? status.data.overall : undefined;
  return (
    <aside className="sidebar">
      <div className="sidebar-titlebar" />
      <nav aria-label="Sections">
        <ul className="sidebar-list">
          {sections.map((section) => (
            <li key={section.id}>
              <button
                type="button"
                className="sidebar-item"
                aria-current={section.id === selected ? "page" : undefined}
                onClick={() => onSelect(section.id)}
              >
                <SectionIcon section={section.id} />
                <span className="sidebar-label">{section.title}</span>
                <SectionMark section={section.id} overall={overall} />
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}

/**
 * What waits in a section, from the overall status: the number of pairing requests on Pairing, a
 * warning mark on Status while something other than those requests is wrong.
 */
function SectionMark({ section, overall }: { section: SectionId; overall: OverallStatus | undefined }) {
  if (!overall) return null;
  if (section === "pairing" && overall.pendingRequests > 0) {
    return (
      <span className="sidebar-badge" data-testid="pairing-badge">
        {overall.pendingRequests}
        <span className="visually-hidden"> waiting for approval</span>
      </span>
    );
  }
  const worst = overall.concerns.find((concern) => concern.kind !== "pairing");
  if (section === "status" && worst && (worst.tone === "problem" || worst.tone === "warning")) {
    return (
      <span className="sidebar-alert" data-tone={worst.tone} data-testid="status-mark">
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 2 14.6 13.6H1.4ZM8 6.4v3.4M8 11.7v.1" />
        </svg>
        <span className="visually-hidden">: {worst.text}</span>
      </span>
    );
  }
  return null;
}
