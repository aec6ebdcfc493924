import { useState } from "react";
import type { IpcError } from "../../app/ipc/ipc-result.ts";
import type { ConfigDefaults, ConfigView } from "../../app/ipc/view-schemas.ts";
import { useConfigEdit, useConfigView, useOpenConfigFile, usePrefs } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { Group } from "../ui/Group.tsx";
import { ScreenState } from "../ui/ScreenState.tsx";
import { ChatConfigCommands } from "./ChatConfigCommands.tsx";
import { ConfigField } from "./ConfigField.tsx";
import { ModelSection } from "./ModelSection.tsx";
import { type SwitchPref, usePrefSwitch } from "./use-pref-switch.ts";

const ROOT = "channels.imessage";

const chunkModes: readonly { value: ConfigDefaults["chunkMode"]; label: string }[] = [
  { value: "length", label: "At the length limit" },
  { value: "newline", label: "One message per paragraph" },
];

function read(raw: Record<string, unknown>, ...path: string[]): unknown {
  let value: unknown = raw;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

export function SettingsScreen({ onRunSetup }: { onRunSetup: () => void }) {
  const view = useConfigView();
  const edit = useConfigEdit(view.reload);
  if (view.kind !== "ready") return <ScreenState view={view} what="the settings" />;
  const { raw, defaults } = view.data;
  const channel = (key: string) => read(raw, "channels", "imessage", key);

  return (
    <div className="screen">
      <ConfigIssues
        role="alert"
        title="The config file has errors; Pinch keeps running the last valid one."
        issues={view.data.errors}
      />
      <ConfigIssues
        role="status"
        title="Pinch runs with the config file but skips these:"
        issues={view.data.warnings}
      />
      <ModelSection raw={raw} onSaved={view.reload} />
      <Group id="replies-title" title="Replies">
        <ConfigField
          keyPath="messages.responsePrefix"
          label="Response prefix"
          help={`Put before every reply. "auto" is the assistant's name in brackets.`}
          placeholder="Nothing"
          current={read(raw, "messages", "responsePrefix")}
          edit={edit}
          kind="text"
        />
        <ConfigField
          keyPath={`${ROOT}.chunkMode`}
          label="Split long replies"
          help="How a reply longer than the limit is sent."
          current={channel("chunkMode")}
          placeholder={chunkModes.find((mode) => mode.value === defaults.chunkMode)?.label}
          edit={edit}
          kind={{ options: chunkModes }}
        />
        <ConfigField
          keyPath={`${ROOT}.textChunkLimit`}
          label="Longest message (characters)"
          placeholder={String(defaults.textChunkLimit)}
          help={`Default ${defaults.textChunkLimit}.`}
          current={channel("textChunkLimit")}
          edit={edit}
          kind="number"
        />
      </Group>
      <Group id="history-title" title="History">
        <ConfigField
          keyPath={`${ROOT}.historyLimit`}
          label="Group messages kept as context"
          placeholder={String(defaults.historyLimit)}
          help={`Default ${defaults.historyLimit}; 0 turns it off.`}
          current={channel("historyLimit")}
          edit={edit}
          kind="number"
        />
        <ConfigField
          keyPath={`${ROOT}.dmHistoryLimit`}
          label="Earlier direct messages read into a new conversation"
          placeholder="None"
          help="Empty: none."
          current={channel("dmHistoryLimit")}
          edit={edit}
          kind="number"
        />
      </Group>
      <Group id="attachments-title" title="Attachments">
        <ConfigField
          keyPath={`${ROOT}.includeAttachments`}
          label="Pass attachments to the assistant"
          help="Photos and files people send."
          current={channel("includeAttachments") ?? defaults.includeAttachments}
          edit={edit}
          kind="switch"
        />
        <ConfigField
          keyPath={`${ROOT}.mediaMaxMb`}
          label="Largest attachment (MB)"
          placeholder={String(defaults.mediaMaxMb)}
          help={`Bigger files are skipped. Default ${defaults.mediaMaxMb}.`}
          current={channel("mediaMaxMb")}
          edit={edit}
          kind="number"
        />
        <ConfigField
          keyPath={`${ROOT}.mediaFetchPrivateHosts`}
          label="Fetch links on this network"
          help="Let the assistant send files from links to your own network (a NAS, a home server). Off: only public links."
          current={channel("mediaFetchPrivateHosts") ?? defaults.mediaFetchPrivateHosts}
          edit={edit}
          kind="switch"
        />
      </Group>
      <Group id="advanced-title" title="Advanced">
        <ChatConfigCommands raw={raw} defaults={defaults} edit={edit} />
        <AppPreferences />
        <ConfigFileRow path={view.data.path} />
        <div className="row">
          <p className="row-main row-title">Setup assistant</p>
          <Button onClick={onRunSetup}>Run setup again</Button>
        </div>
      </Group>
    </div>
  );
}

/** The core's errors or warnings about the config file, each with its key path. */
function ConfigIssues(props: { role: "alert" | "status"; title: string; issues: ConfigView["errors"] }) {
  if (props.issues.length === 0) return null;
  return (
    <div className="group group-message" role={props.role}>
      <p className="group-message-title">{props.title}</p>
      {props.issues.map((issue) => (
        <p key={`${issue.path}:${issue.message}`} className="group-message-text">
          {issue.path ? `${issue.path}: ${issue.message}` : issue.message}
        </p>
      ))}
    </div>
  );
}

/** The app's own preferences (the menu bar shows the same ones), each a switch with its hint. */
const appSwitches: readonly { key: SwitchPref; title: string; hint: string }[] = [
  { key: "startAtLogin", title: "Start at login", hint: "Open Pinch when you log in to this Mac." },
  {
    key: "pauseReplies",
    title: "Pause replies",
    hint: "Messages are read but nobody is answered, not even later.",
  },
  {
    key: "pairingNotifications",
    title: "Notify me of pairing requests",
    hint: "A notification with Approve and Dismiss when someone new writes.",
  },
  {
    key: "verboseLogging",
    title: "Include message text in logs",
    hint: "For a bug report. Keys stay hidden either way.",
  },
];

function AppPreferences() {
  const prefs = usePrefs();
  if (prefs.kind !== "ready") return null;
  return appSwitches.map(({ key, title, hint }) => (
    <PrefSwitchRow key={key} pref={key} title={title} hint={hint} />
  ));
}

function PrefSwitchRow({ pref, title, hint }: { pref: SwitchPref; title: string; hint: string }) {
  const { checked, error, set } = usePrefSwitch(pref);
  const id = `pref-${pref}`;
  return (
    <div className="row">
      <div className="row-main">
        <label htmlFor={id} className="row-title">
          {title}
        </label>
        {error ? <ErrorNote error={error} /> : <p className="field-ok">{hint}</p>}
      </div>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        aria-checked={checked}
        onChange={(event) => void set(event.target.checked)}
      />
    </div>
  );
}

function ConfigFileRow({ path }: { path: string }) {
  const open = useOpenConfigFile();
  const [note, setNote] = useState("");
  const [failure, setFailure] = useState<IpcError | undefined>();
  return (
    <div className="row">
      <div className="row-main">
        <p className="row-title">Config file</p>
        <p className="row-detail mono">{path}</p>
        <p className="field-ok" role="status">
          {note}
        </p>
        {failure ? <ErrorNote error={failure} /> : null}
      </div>
      <Button
        onClick={async () => {
          const result = await open({});
          setNote(result.ok ? "Opened in your editor." : "");
          setFailure(result.ok ? undefined : result.error);
        }}
      >
        Open config file
      </Button>
    </div>
  );
}
