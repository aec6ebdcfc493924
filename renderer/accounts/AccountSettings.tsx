import { useId, useState } from "react";
import { dmPolicyRules, fitWildcard } from "../../app/access/policy-rules.ts";
import type { AccountView } from "../../app/ipc/view-schemas.ts";
import { HandleListEditor } from "../allowlists/HandleListEditor.tsx";
import { useConfigEdit } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { Disclosure } from "../ui/Disclosure.tsx";
import { fieldOf, type SettingField, showValue } from "./setting-fields.ts";

type Setting = AccountView["settings"][number];
type Edit = ReturnType<typeof useConfigEdit>;

const NO_CHATS: ReadonlyMap<number, string> = new Map();

/**
 * Where a value comes from, in words. "Shared" is the channel's own keys, which every account
 * uses unless it sets its own; with one account there is nothing to share.
 */
function sourceLabel(source: Setting["source"], multi: boolean): string {
  if (source === "overridden") return multi ? "Set for this account" : "Set";
  if (source === "inherited" && multi) return "Shared by all accounts";
  return "Pinch's default";
}

/** Each setting of an account in words, where its value comes from, and an editor to change or reset it. */
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
  const title = account.name ?? account.id;
  const rows = (advanced: boolean) =>
    account.settings.filter((setting) => {
      const field = fieldOf(setting.key);
      return field.kind !== "list" && (("advanced" in field && field.advanced) === true) === advanced;
    });
  const table = (label: string, settings: Setting[]) => (
    <table className="table account-settings" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Setting</th>
          <th scope="col">Value</th>
          <th scope="col">Comes from</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {settings.map((setting) => (
          <SettingRow key={setting.key} account={account} setting={setting} multi={multi} edit={edit} />
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      {table(`Settings of ${title}`, rows(false))}
      {account.settings
        .filter((setting) => fieldOf(setting.key).kind === "list")
        .map((setting) => (
          <ListSetting key={setting.key} account={account} setting={setting} multi={multi} edit={edit} />
        ))}
      <Disclosure summary="Advanced: Messages database and imsg program">
        {table(`Advanced settings of ${title}`, rows(true))}
      </Disclosure>
    </>
  );
}

function ListSetting(props: { account: AccountView; setting: Setting; multi: boolean; edit: Edit }) {
  const { account, setting, multi, edit } = props;
  const field = fieldOf(setting.key);
  const keyPath = `${account.configPath}.${setting.key}`;
  const listKey = setting.key === "groupAllowFrom" ? "groupAllowFrom" : "allowFrom";
  const entries = listKey === "groupAllowFrom" ? account.groupAllowFrom : account.allowFrom;
  return (
    <div className="account-list">
      <div className="toolbar-row account-list-title">
        <span className="row-title">{field.label}</span>
        <span className="badge" data-source={setting.source}>
          {sourceLabel(setting.source, multi)}
        </span>
        {setting.source === "overridden" ? (
          <Button
            aria-label={`Reset ${field.label} of ${account.name ?? account.id}`}
            onClick={() => void edit.remove(keyPath, keyPath)}
          >
            {multi ? "Use the shared list" : "Use Pinch's default"}
          </Button>
        ) : null}
      </div>
      <HandleListEditor
        account={account}
        listKey={listKey}
        entries={entries}
        label={`${field.label} of ${account.name ?? account.id}`}
        edit={edit}
        chatNames={NO_CHATS}
      />
    </div>
  );
}

function SettingRow(props: { account: AccountView; setting: Setting; multi: boolean; edit: Edit }) {
  const { account, setting, multi, edit } = props;
  const field = fieldOf(setting.key);
  const [draft, setDraft] = useState<string | null>(null);
  const errorId = useId();
  const keyPath = `${account.configPath}.${setting.key}`;
  const error = edit.errorFor(keyPath);
  const label = `${field.label} of ${account.name ?? account.id}`;

  const save = async (text: string) => {
    const saved =
      setting.key === "dmPolicy"
        ? await edit.patch(keyPath, [
            { keyPath, value: text },
            // The list must fit the policy ("Everyone" needs "*"), as on the Allowlists screen.
            {
              keyPath: `${account.configPath}.allowFrom`,
              value: fitWildcard(
                dmPolicyRules[text as AccountView["dmPolicy"]].allowFrom.wildcard,
                account.allowFrom,
              ),
            },
          ])
        : await edit.save(keyPath, { keyPath, value: text, asText: field.kind !== "choice" });
    if (saved) setDraft(null);
  };

  return (
    <tr>
      <th scope="row">
        {field.label}
        {"hint" in field && field.hint ? <span className="row-detail setting-hint">{field.hint}</span> : null}
      </th>
      <td>
        {draft === null ? (
          <span className={field.kind === "text" ? "mono" : undefined}>
            {showValue(field, setting.value)}
          </span>
        ) : (
          <DraftInput
            field={field}
            label={`New value for ${label}`}
            draft={draft}
            invalid={error !== undefined}
            errorId={errorId}
            onChange={(text) => {
              setDraft(text);
              edit.clearError(keyPath);
            }}
            onSave={() => void save(draft)}
            onCancel={() => setDraft(null)}
          />
        )}
        {error ? (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
      <td>
        <span className="badge" data-source={setting.source}>
          {sourceLabel(setting.source, multi)}
        </span>
      </td>
      <td>
        <div className="row-actions">
          {draft === null ? (
            <Button
              aria-label={`Change ${label}`}
              onClick={() => setDraft(setting.value === null ? "" : showDraft(setting.value))}
            >
              Change
            </Button>
          ) : (
            <Button variant="primary" aria-label={`Save ${label}`} onClick={() => void save(draft)}>
              Save
            </Button>
          )}
          {setting.source === "overridden" && draft === null ? (
            <Button aria-label={`Reset ${label}`} onClick={() => void edit.remove(keyPath, keyPath)}>
              {multi ? "Use shared" : "Use default"}
            </Button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

function showDraft(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function DraftInput(props: {
  field: SettingField;
  label: string;
  draft: string;
  invalid: boolean;
  errorId: string;
  onChange: (text: string) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { field } = props;
  const common = {
    "aria-label": props.label,
    "aria-invalid": props.invalid,
    "aria-describedby": props.invalid ? props.errorId : undefined,
  };
  if (field.kind === "choice") {
    return (
      <select
        className="select"
        {...common}
        value={props.draft}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {field.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  }
  if (field.kind === "toggle") {
    return (
      <select
        className="select"
        {...common}
        value={props.draft}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="true">On</option>
        <option value="false">Off</option>
      </select>
    );
  }
  return (
    <input
      className={field.kind === "text" ? "input mono" : "input"}
      {...common}
      inputMode={field.kind === "number" ? "numeric" : undefined}
      value={props.draft}
      onChange={(event) => props.onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === "Enter") props.onSave();
        if (event.key === "Escape") props.onCancel();
      }}
    />
  );
}
