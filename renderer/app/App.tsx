import { useEffect, useMemo, useState } from "react";
import { AccountsScreen } from "../accounts/AccountsScreen.tsx";
import { AllowlistsScreen } from "../allowlists/AllowlistsScreen.tsx";
import { PinchClientProvider } from "../bridge/client-context.tsx";
import { usePrefs } from "../bridge/hooks.ts";
import { findPinchTransport } from "../bridge/pinch-bridge.ts";
import { createPinchClient } from "../bridge/pinch-client.ts";
import { LogsScreen } from "../logs/LogsScreen.tsx";
import { PairingScreen } from "../pairing/PairingScreen.tsx";
import { RemindersScreen } from "../reminders/RemindersScreen.tsx";
import { SettingsScreen } from "../settings/SettingsScreen.tsx";
import { StatusScreen } from "../status/StatusScreen.tsx";
import { useFocusOnChange } from "../ui/use-focus-on-change.ts";
import { Wizard } from "../wizard/Wizard.tsx";
import { useRequestedView, type ViewRequest } from "./requested-view.ts";
import { Sidebar } from "./Sidebar.tsx";
import { type SectionId, sections } from "./sections.ts";
import "../ui/forms.css";
import "./app.css";

export function App() {
  const client = useMemo(() => {
    const transport = findPinchTransport();
    return transport ? createPinchClient(transport) : undefined;
  }, []);
  return (
    <PinchClientProvider client={client}>
      <Shell />
    </PinchClientProvider>
  );
}

/**
 * The first-run assistant until it has been finished once, then the sections. The menu bar may
 * ask for a view (a notification's click opens Pairing; "Set up…" opens the assistant).
 */
function Shell() {
  const prefs = usePrefs();
  const request = useRequestedView();
  // An explicit request wins over the first-run rule: a click on a pairing notification must show
  // the request, and the assistant stays one click away in Settings.
  const [wizardOverride, setWizardOverride] = useState<boolean | undefined>(() => wizardFor(request));
  useEffect(() => {
    const wanted = wizardFor(request);
    if (wanted !== undefined) setWizardOverride(wanted);
  }, [request]);
  // Once the user has switched between the assistant and the sections, the new view's heading takes
  // the focus the vanished button had.
  const [switched, setSwitched] = useState(false);
  // The section setup was started from: cancelling it goes back there, finishing it shows Status.
  const [startedFrom, setStartedFrom] = useState<SectionId | undefined>();
  const firstRun = prefs.kind === "ready" && !prefs.data.firstRunDone;
  const showWizard = wizardOverride ?? firstRun;
  // Once setup was finished, running it again can be left at any step; the first run cannot.
  const rerun = prefs.kind === "ready" && prefs.data.firstRunDone;
  if (showWizard) {
    return (
      <Wizard
        focusTitle={switched}
        onDone={() => {
          // Done saved firstRunDone: read it again, so a later run of setup can be cancelled.
          prefs.reload();
          setSwitched(true);
          setStartedFrom(undefined);
          setWizardOverride(false);
        }}
        onCancel={
          rerun
            ? () => {
                setSwitched(true);
                setWizardOverride(false);
              }
            : undefined
        }
      />
    );
  }
  return (
    <Sections
      request={request}
      initial={startedFrom}
      focusTitle={switched}
      onRunSetup={(from) => {
        setSwitched(true);
        setStartedFrom(from);
        setWizardOverride(true);
      }}
    />
  );
}

function wizardFor(request: ViewRequest): boolean | undefined {
  return request.view === undefined ? undefined : request.view === "setup";
}

/** The section a view request opens; `setup` is the assistant, not a section. */
function sectionFor(request: ViewRequest): SectionId | undefined {
  return request.view === "setup" ? undefined : request.view;
}

function Sections({
  request,
  initial,
  focusTitle,
  onRunSetup,
}: {
  request: ViewRequest;
  initial: SectionId | undefined;
  focusTitle: boolean;
  onRunSetup: (from: SectionId) => void;
}) {
  const [selected, setSelected] = useState<SectionId>(() => sectionFor(request) ?? initial ?? "status");
  useEffect(() => {
    const requested = sectionFor(request);
    if (requested) setSelected(requested);
  }, [request]);
  const section = sections.find((candidate) => candidate.id === selected);
  const titleRef = useFocusOnChange<HTMLHeadingElement>(selected, focusTitle);
  if (!section) throw new Error(`Section "${selected}" is missing from renderer/app/sections.ts.`);

  return (
    <div className="window">
      <Sidebar selected={section.id} onSelect={setSelected} />
      <main className="content" aria-labelledby="section-title">
        <header className="toolbar">
          <h1 id="section-title" className="toolbar-title" ref={titleRef} tabIndex={-1}>
            {section.title}
          </h1>
        </header>
        <div className="content-body">
          <SectionBody id={section.id} onRunSetup={() => onRunSetup(section.id)} onOpen={setSelected} />
        </div>
      </main>
    </div>
  );
}

function SectionBody({
  id,
  onRunSetup,
  onOpen,
}: {
  id: SectionId;
  onRunSetup: () => void;
  onOpen: (section: SectionId) => void;
}) {
  switch (id) {
    case "status":
      return <StatusScreen onOpen={onOpen} />;
    case "pairing":
      return <PairingScreen />;
    case "allowlists":
      return <AllowlistsScreen onOpenPairing={() => onOpen("pairing")} />;
    case "reminders":
      return <RemindersScreen />;
    case "accounts":
      return <AccountsScreen />;
    case "logs":
      return <LogsScreen />;
    case "settings":
      return <SettingsScreen onRunSetup={onRunSetup} />;
  }
}
