import { useId, useState } from "react";
import type { AccountView } from "../../app/ipc/view-schemas.ts";
import { useAccountActions, useAccounts } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { ScreenState } from "../ui/ScreenState.tsx";
import { TextField } from "../ui/TextField.tsx";
import { AccountSettings } from "./AccountSettings.tsx";
import { SshAccountForm } from "./SshAccountForm.tsx";
import "./accounts.css";

export function AccountsScreen() {
  const view = useAccounts();
  if (view.kind !== "ready") return <ScreenState view={view} what="the accounts" />;
  const { accounts, multi } = view.data;
  return (
    <div className="screen">
      <p className="section-lead accounts-lead">
        {multi
          ? "Each account answers for one Apple ID. Settings not set on an account are inherited from the defaults."
          : "Pinch answers for one Apple ID. Add an account to answer for another one too (a bot user, or another Mac over SSH)."}
      </p>
      {accounts.map((account) => (
        <AccountCard key={account.id} account={account} multi={multi} onChanged={view.reload} />
      ))}
      <AddAccount onAdded={view.reload} />
      <SshAccountForm onSaved={view.reload} />
    </div>
  );
}

function AccountCard({
  account,
  multi,
  onChanged,
}: {
  account: AccountView;
  multi: boolean;
  onChanged: () => void;
}) {
  const { update } = useAccountActions();
  const [name, setName] = useState(account.name ?? "");
  const [error, setError] = useState<string | undefined>();
  const nameId = useId();
  const messageId = useId();
  const title = account.name ?? account.id;

  const run = async (args: { name?: string; enabled?: boolean }) => {
    const result = await update({ id: account.id, ...args });
    setError(result.ok ? undefined : result.error.message);
    if (result.ok) onChanged();
  };

  return (
    <section aria-labelledby={`account-${account.id}`} className="account-card">
      <div className="toolbar-row group-title-row">
        <h2 id={`account-${account.id}`} className="group-title">
          {title} {account.isDefault ? <span className="badge">default</span> : null}
        </h2>
        <label className="toolbar-row">
          <span className="row-detail">{account.enabled ? "On" : "Off"}</span>
          <input
            type="checkbox"
            className="switch"
            role="switch"
            aria-label={`Enabled: ${title}`}
            checked={account.enabled}
            aria-checked={account.enabled}
            onChange={(event) => void run({ enabled: event.target.checked })}
          />
        </label>
      </div>
      <div className="group">
        <div className="row">
          <div className="field row-main">
            <label htmlFor={nameId} className="field-label">
              Name
            </label>
            <input
              id={nameId}
              className="input"
              aria-label={`Name of ${account.id}`}
              value={name}
              placeholder={account.id}
              aria-describedby={messageId}
              aria-invalid={error !== undefined}
              onChange={(event) => setName(event.target.value)}
            />
            <FieldMessage id={messageId} error={error} hint={`Account id: ${account.id}`} />
          </div>
          <Button
            aria-label={`Rename ${title}`}
            disabled={name === (account.name ?? "")}
            onClick={() => void run({ name })}
          >
            Rename
          </Button>
        </div>
        <AccountSettings account={account} multi={multi} onSaved={onChanged} />
      </div>
    </section>
  );
}

function AddAccount({ onAdded }: { onAdded: () => void }) {
  const { add } = useAccountActions();
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [dbPath, setDbPath] = useState("");
  const [cliPath, setCliPath] = useState("");
  const [error, setError] = useState<{ field: string; message: string } | undefined>();

  const submit = async () => {
    const result = await add({
      id: id.trim(),
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(dbPath.trim() ? { dbPath: dbPath.trim() } : {}),
      ...(cliPath.trim() ? { cliPath: cliPath.trim() } : {}),
    });
    if (result.ok) {
      setError(undefined);
      setId("");
      setName("");
      setDbPath("");
      setCliPath("");
      onAdded();
    } else {
      setError({ field: result.error.field ?? "", message: result.error.message });
    }
  };

  const fields = [
    { key: "id", label: "Account id", value: id, set: setId, placeholder: "bot" },
    { key: "name", label: "Display name", value: name, set: setName, placeholder: "Bot Apple ID" },
    {
      key: "dbPath",
      label: "Messages database",
      value: dbPath,
      set: setDbPath,
      placeholder: "/Users/bot/Library/Messages/chat.db",
    },
    {
      key: "cliPath",
      label: "imsg command",
      value: cliPath,
      set: setCliPath,
      placeholder: "imsg, or an SSH wrapper script",
    },
  ];

  return (
    <section aria-labelledby="add-account-title">
      <h2 id="add-account-title" className="group-title">
        Add an account
      </h2>
      <form
        className="group add-account"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {fields.map((field) => {
          const fieldError =
            error && (error.field === field.key || error.field.endsWith(`.${field.key}`))
              ? error.message
              : undefined;
          return (
            <TextField
              key={field.key}
              label={field.label}
              value={field.value}
              placeholder={field.placeholder}
              error={fieldError}
              onChange={field.set}
            />
          );
        })}
        {error &&
        !fields.some((field) => error.field === field.key || error.field.endsWith(`.${field.key}`)) ? (
          <p className="row field-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <div className="row">
          <Button type="submit" variant="primary" disabled={id.trim() === ""}>
            Add account
          </Button>
        </div>
      </form>
    </section>
  );
}
