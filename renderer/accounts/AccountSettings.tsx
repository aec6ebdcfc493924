import { useState } from "react";
import type { AccountView } from "../../app/ipc/view-schemas.ts";
import { useConfigEdit } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";

type Setting = AccountView["settings"][number];

const sourceLabels: Record<Setting["source"], string> = {
  overridden: "Overridden",
  inherited: "Inherits from default",
  default: "Built-in default",
};

function showValue(value: unknown): string {
  if (value === null || value === undefined) return "not set";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Each setting of an account, where its value comes from, and an editor to override or reset it. */
export function AccountSettings({
  account,
  multi,
  onSaved,
}: {
  account: AccountView;
  multi: boolean;
  onSaved: () => void;
}) {
  const edit = useConfigEdit(onSaved);
  return (
    <table className="table account-settings" aria-label={`Settings of ${account.name ?? account.id}`}>
      <thead>
        <tr>
          <th scope="col">Setting</th>
          <th scope="col">Value</th>
          <th scope="col">Source</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {account.settings.map((setting) => (
          <SettingRow key={setting.key} account={account} setting={setting} multi={multi} edit={edit} />
        ))}
      </tbody>
    </table>
  );
}

function SettingRow(props: {
  account: AccountView;
  setting: Setting;
  multi: boolean;
  edit: ReturnType<typeof useConfigEdit>;
}) {
  const { account, setting, multi, edit } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const keyPath = `${account.configPath}.${setting.key}`;
  const error = edit.errorFor(keyPath);
  const label = `${setting.key} of ${account.name ?? account.id}`;

  const save = async () => {
    if (draft === null) return;
    if (await edit.save(keyPath, { keyPath, value: draft, asText: true })) setDraft(null);
  };

  return (
    <tr>
      <th scope="row" className="mono">
        {setting.key}
      </th>
      <td>
        {draft === null ? (
          <span className="mono">{showValue(setting.value)}</span>
        ) : (
          <input
            className="input mono"
            aria-label={`New value for ${label}`}
            aria-invalid={error !== undefined}
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value);
              edit.clearError(keyPath);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter") void save();
              if (event.key === "Escape") setDraft(null);
            }}
          />
        )}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
      <td>
        <span className="badge" data-source={setting.source}>
          {multi || setting.source !== "inherited" ? sourceLabels[setting.source] : sourceLabels.default}
        </span>
      </td>
      <td>
        <div className="row-actions">
          {draft === null ? (
            <Button
              aria-label={`Override ${label}`}
              onClick={() =>
                setDraft(
                  showValue(setting.source === "default" && setting.value === null ? "" : setting.value),
                )
              }
            >
              {setting.source === "overridden" ? "Edit" : "Override"}
            </Button>
          ) : (
            <Button variant="primary" aria-label={`Save ${label}`} onClick={() => void save()}>
              Save
            </Button>
          )}
          {setting.source === "overridden" && draft === null ? (
            <Button aria-label={`Reset ${label}`} onClick={() => void edit.remove(keyPath, keyPath)}>
              {multi ? "Inherit" : "Reset"}
            </Button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}
