import type { AccountView, ChatView } from "../../app/ipc/view-schemas.ts";
import type { useConfigEdit } from "../bridge/hooks.ts";
import type { ChannelView } from "../bridge/use-channel.ts";
import { Button } from "../ui/Button.tsx";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { useDraft } from "../ui/use-draft.ts";
import {
  allowEdits,
  type GroupTableContext,
  othersAllowed,
  rowAllowed,
  rowPath,
  settingEdits,
  WILDCARD,
} from "./group-row-edits.ts";
import { groupSenderList, groupSenders, withGroupSenders } from "./group-senders.ts";

type GroupEntry = AccountView["groups"][string];

interface Row {
  key: string;
  title: string;
  detail: string;
}

/** The Mac's group chats (from imsg's chats.list) with the account's `groups` settings for each. */
export function GroupsTable({
  account,
  edit,
  chats,
  defaultMention,
}: {
  account: AccountView;
  edit: ReturnType<typeof useConfigEdit>;
  chats: ChannelView<{ chats: ChatView[] }>;
  /** The core's default for a group neither its own entry nor `"*"` decides. */
  defaultMention: boolean;
}) {
  const groups = account.groups;
  const chatRows: Row[] =
    chats.kind === "ready" ? chats.data.chats.filter((chat) => chat.isGroup).map(rowOfChat) : [];
  const listed = new Set(chatRows.map((row) => row.key));
  const extra = Object.keys(groups)
    .filter((key) => key !== WILDCARD && !listed.has(key))
    .map((key) => ({ key, title: `Chat ${key}`, detail: "Not among this Mac's recent chats" }));
  const rows: Row[] = [
    { key: WILDCARD, title: "All other groups", detail: "The default for every group not listed here" },
    ...chatRows,
    ...extra,
  ];
  const wildcardMention = groups[WILDCARD]?.requireMention ?? defaultMention;
  const context: GroupTableContext = { groups, groupsPath: `${account.configPath}.groups`, defaultMention };

  return (
    <div className="group">
      <table className="table groups-table" aria-label="Group chats">
        <thead>
          <tr>
            <th scope="col">Chat</th>
            <th scope="col">Allowed</th>
            <th scope="col">Require mention</th>
            <th scope="col">System prompt</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <GroupRow
              key={row.key}
              row={row}
              entry={groups[row.key]}
              inheritedMention={row.key === WILDCARD ? defaultMention : wildcardMention}
              context={context}
              account={account}
              edit={edit}
            />
          ))}
        </tbody>
      </table>
      <p className="row row-detail">
        {othersAllowed(groups)
          ? "Groups without a row of their own follow “All other groups”, which answers them."
          : "Only the groups allowed here are answered: with “All other groups” off, this table is the list of allowed groups, under every group policy."}
      </p>
      {chats.kind === "loading" ? <p className="row row-detail">Reading this Mac's chats…</p> : null}
      {chats.kind === "failed" ? (
        <div className="row">
          <ErrorNote
            error={{ ...chats.error, message: `Could not list this Mac's chats. ${chats.error.message}` }}
          />
        </div>
      ) : null}
    </div>
  );
}

function rowOfChat(chat: ChatView): Row {
  const people = chat.participants.join(", ");
  return {
    key: String(chat.id),
    title: chat.name ?? people ?? `Chat ${chat.id}`,
    detail: chat.name ? people : `chat_id:${chat.id}`,
  };
}

function GroupRow(props: {
  row: Row;
  entry: GroupEntry | undefined;
  inheritedMention: boolean;
  context: GroupTableContext;
  account: AccountView;
  edit: ReturnType<typeof useConfigEdit>;
}) {
  const { row, entry, context, account, edit } = props;
  const base = rowPath(context.groupsPath, row.key);
  const allowed = rowAllowed(context.groups, row.key);
  const requireMention = entry?.requireMention ?? props.inheritedMention;
  const savedPrompt = entry?.systemPrompt ?? "";
  const [prompt, setPrompt] = useDraft(savedPrompt);
  const field = base;
  const error = edit.errorFor(field);

  const setAllowed = (next: boolean) => edit.patch(field, allowEdits(context, row.key, next, requireMention));
  const savePrompt = () =>
    prompt === ""
      ? edit.remove(field, `${base}.systemPrompt`)
      : edit.patch(field, settingEdits(context, row.key, "systemPrompt", prompt));

  return (
    <tr>
      <th scope="row" className="group-chat-cell">
        <span className="row-title">{row.title}</span>
        <span className="row-detail">{row.detail}</span>
        <span className="group-who">
          <WhoMayTalk row={row} allowed={allowed} account={account} field={field} edit={edit} />
        </span>
        {error ? (
          <span className="field-error" role="alert">
            {error}
          </span>
        ) : null}
      </th>
      <td>
        <input
          type="checkbox"
          className="switch"
          role="switch"
          aria-label={`Allowed: ${row.title}`}
          checked={allowed}
          aria-checked={allowed}
          onChange={(event) => void setAllowed(event.target.checked)}
        />
      </td>
      <td>
        {allowed ? (
          <input
            type="checkbox"
            aria-label={`Require mention: ${row.title}`}
            checked={requireMention}
            onChange={(event) =>
              void edit.patch(field, settingEdits(context, row.key, "requireMention", event.target.checked))
            }
          />
        ) : (
          // A greyed-out box would not say why it cannot change: the reason is the setting.
          <span className="row-detail">Not answered here</span>
        )}
      </td>
      <td>
        <div className="toolbar-row">
          <input
            className="input prompt-input"
            aria-label={`System prompt: ${row.title}`}
            aria-invalid={error !== undefined}
            value={prompt}
            disabled={!allowed}
            placeholder={allowed ? "Extra instructions for this chat" : ""}
            onChange={(event) => {
              setPrompt(event.target.value);
              edit.clearError(field);
            }}
          />
          <Button
            aria-label={`Save system prompt: ${row.title}`}
            disabled={!allowed || prompt === savedPrompt}
            onClick={() => void savePrompt()}
          >
            Save
          </Button>
        </div>
      </td>
    </tr>
  );
}

/** Who in the group the assistant answers, and for a listed chat under the allowlist policy, the choice. */
function WhoMayTalk({
  row,
  allowed,
  account,
  field,
  edit,
}: {
  row: Row;
  allowed: boolean;
  account: AccountView;
  field: string;
  edit: ReturnType<typeof useConfigEdit>;
}) {
  if (!allowed) return <span className="row-detail">Who may talk: no one</span>;
  if (row.key === WILDCARD) {
    const everyone = groupSenders(account, row.key).kind === "everyone";
    return (
      <span className="row-detail">Who may talk: {everyone ? "everyone" : "only people on my list"}</span>
    );
  }
  const senders = groupSenders(account, row.key);
  if (senders.kind === "everyone") {
    return (
      <span className="row-detail">
        Who may talk:{" "}
        {senders.why === "open"
          ? "everyone in this group (groups answer anyone)"
          : "everyone (your list lets everyone in)"}
      </span>
    );
  }
  const list = groupSenderList(account);
  const keyPath = `${account.configPath}.${list.key}`;
  return (
    <label className="row-detail">
      Who may talk{" "}
      <select
        className="select group-who-select"
        aria-label={`Who may talk: ${row.title}`}
        value={senders.value}
        disabled={edit.busy}
        onChange={(event) => {
          const value = event.target.value === "everyone" ? "everyone" : "list";
          void edit.save(field, { keyPath, value: withGroupSenders(list.entries, row.key, value) });
        }}
      >
        <option value="everyone">Everyone in this group</option>
        <option value="list">Only people on my list</option>
      </select>
    </label>
  );
}
