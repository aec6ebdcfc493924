import { useState } from "react";
import { StatusScreen } from "../status/StatusScreen.tsx";
import { Sidebar } from "./Sidebar.tsx";
import { type SectionId, sections } from "./sections.ts";
import { UnavailableSection } from "./UnavailableSection.tsx";
import "./app.css";

export function App() {
  const [selected, setSelected] = useState<SectionId>("status");
  const section = sections.find((candidate) => candidate.id === selected);
  if (!section) throw new Error(`Section "${selected}" is missing from renderer/app/sections.ts.`);

  return (
    <div className="window">
      <Sidebar selected={section.id} onSelect={setSelected} />
      <main className="content" aria-labelledby="section-title">
        <header className="toolbar">
          <h1 id="section-title" className="toolbar-title">
            {section.title}
          </h1>
        </header>
        <div className="content-body">
          {section.id === "status" ? <StatusScreen /> : <UnavailableSection section={section} />}
        </div>
      </main>
    </div>
  );
}
