import { useEffect, useRef, useState } from "react";
import type { SshSetupRequest, SshSetupResult } from "../../app/ipc/setup-schemas.ts";
import { useSshSetup } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";

type Draft = Omit<SshSetupRequest, "port" | "fingerprint" | "installKey"> & { port: string };

const marks: Record<SshSetupResult["steps"][number]["status"], string> = {
  passed: "✓",
  failed: "✗",
  skipped: "–",
  confirm: "?",
};

/**
 * A bot user on this Mac, or another Mac, reached over SSH: the guided ladder of `pinch setup ssh`,
 * each step with its result and fix. The host key is trusted only after the user confirms it.
 */
export function SshAccountForm({ onSaved }: { onSaved: () => void }) {
  const setup = useSshSetup();
  const [draft, setDraft] = useState<Draft>({
    destination: "",
    port: "22",
    accountId: "bot",
    name: "",
    dbPath: "",
    remoteImsg: "/opt/homebrew/bin/imsg",
    localBot: true,
    botHome: "",
    sendTo: "",
  });
  const [result, setResult] = useState<SshSetupResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const steps = useRef<HTMLOListElement>(null);
  // The steps appear under a long form: bring them into view, or a small window hides the outcome.
  useEffect(() => {
    if (result) steps.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [result]);

  const run = async (extra: { fingerprint?: string; installKey?: boolean } = {}) => {
    setBusy(true);
    setError(undefined);
    const user = draft.destination.split("@")[0] ?? "";
    const answer = await setup({
      destination: draft.destination,
      port: Number(draft.port) || 22,
      accountId: draft.accountId,
      dbPath: draft.dbPath,
      localBot: draft.localBot,
      ...(draft.name ? { name: draft.name } : {}),
      ...(draft.remoteImsg ? { remoteImsg: draft.remoteImsg } : {}),
      ...(draft.sendTo ? { sendTo: draft.sendTo } : {}),
      ...(draft.localBot ? { botHome: draft.botHome || `/Users/${user}` } : {}),
      ...extra,
    });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    setResult(answer.data);
    if (answer.data.saved) onSaved();
  };

  const field = (key: keyof Draft, label: string, placeholder = "") => (
    <label className="row add-field">
      <span className="field-label">{label}</span>
      <input
        className="input"
        value={String(draft[key] ?? "")}
        placeholder={placeholder}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
      />
    </label>
  );

  return (
    <section aria-labelledby="ssh-account-title">
      <h2 id="ssh-account-title" className="group-title">
        Add a bot user or another Mac over SSH
      </h2>
      <form
        className="group add-account"
        aria-label="SSH account"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        {field("destination", "SSH address", "bot@localhost")}
        {field("port", "Port")}
        {field("accountId", "SSH account id")}
        {field("name", "SSH account name", "Bot Apple ID")}
        {field("dbPath", "Messages database there", "/Users/bot/Library/Messages/chat.db")}
        {field("remoteImsg", "imsg there (full path)")}
        <label className="row">
          <input
            type="checkbox"
            checked={draft.localBot}
            onChange={(event) => setDraft({ ...draft, localBot: event.target.checked })}
          />
          <span>A second user on this Mac</span>
        </label>
        {draft.localBot ? field("botHome", "That user's home folder", "/Users/bot") : null}
        {field("sendTo", "Send a test message to", "+1 555 555 0123")}
        {error ? (
          <p className="row field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="row">
          <Button type="submit" variant="primary" disabled={busy || draft.destination.trim() === ""}>
            {busy ? "Checking…" : "Set up and check"}
          </Button>
          {/* Always in the page, so a screen reader announces the progress when it starts. */}
          <span role="status" className="row-detail">
            {busy ? "Checking the connection… each step can take a few seconds." : ""}
          </span>
        </div>
      </form>
      {result ? (
        <ol ref={steps} className="group ssh-steps" aria-label="SSH setup steps">
          {result.steps.map((step) => (
            <li key={step.step} className="row" data-status={step.status}>
              <span className="ssh-mark" aria-hidden="true">
                {marks[step.status]}
              </span>
              <div className="row-main">
                <p className="row-title">
                  {step.step}: <span className="visually-hidden">{step.status}, </span>
                  {step.message}
                </p>
                {step.fix ? <p className="row-detail">{step.fix}</p> : null}
                {step.raw ? (
                  <details className="error-note-details">
                    <summary>Details</summary>
                    <pre className="error-note-raw">{step.raw}</pre>
                  </details>
                ) : null}
                {step.command ? <code className="mono ssh-command">{step.command}</code> : null}
              </div>
            </li>
          ))}
          {result.fingerprint ? (
            <li className="row">
              <Button variant="primary" onClick={() => void run({ fingerprint: result.fingerprint ?? "" })}>
                Trust {result.fingerprint}
              </Button>
            </li>
          ) : null}
          {result.keyRefused && draft.localBot ? (
            <li className="row">
              <Button variant="primary" onClick={() => void run({ installKey: true })}>
                Install the key for this user
              </Button>
            </li>
          ) : null}
          {result.saved ? (
            <li className="row" role="status">
              Account {draft.accountId} is set up.
            </li>
          ) : null}
        </ol>
      ) : null}
    </section>
  );
}
