import { SectionIcon } from "./SectionIcon.tsx";
import { type SectionId, sections } from "./sections.ts";
import "./sidebar.css";

interface SidebarProps {
  selected: SectionId;
  onSelect: (section: SectionId) => void;
}

export function Sidebar({ selected, onSelect }: SidebarProps) {
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
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
