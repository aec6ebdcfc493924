import { useMemo, useState } from "react";
import { dmPolicyRules, fitWildcard } from "../../app/access/policy-rules.ts";
import type { AccountView, ConfigDefaults } from "../../app/ipc/view-schemas.ts";
import { useAccounts, useChats, useConfigEdit, usePairing } from "../bridge/hooks.ts";
import { AccountPicker } from "../ui/AccountPicker.tsx";
import { Button } from "../ui/Button.tsx";
import { ScreenState } from "../ui/ScreenState.tsx";
import { GroupsTable } from "./GroupsTable.tsx";
import { HandleListEditor } from "./HandleListEditor.tsx";
import { MentionPatternsEditor } from "./MentionPatternsEditor.tsx";
import { PolicyChoice } from "./PolicyChoice.tsx";
import { dmPolicyOptions, groupPolicyOptions } from "./policies.ts";
import "./allowlists.css";

export function AllowlistsScreen({ onOpenPairing }: { onOpenPairing: () => void }) {
  const view = useAccounts();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  if (view.kind !== "ready") return <ScreenState view={view} what="the allowlists" />;
  const accounts = view.data.accounts;
  const account = accounts.find((candidate) => candidate.id === chosen) ?? accounts[0];
  if (!account) {
    return (
      <div className="screen">
        <p className="group group-message">Set up an iMessage account first (Accounts).</p>
      </div>
    );
  }
  return (
    <div className="screen">
      {accounts.length > 1 ? (
        <AccountPicker accounts={accounts} value={account.id} onChange={setChosen} />
      ) : null}
      <AccountAllowlists
        key={account.id}
        account={account}
        defaults={view.data.defaults}
        onSaved={view.reload}
        onOpenPairing={onOpenPairing}
      />
    </div>
  );
}

function AccountAllowlists({
  account,
  defaults,
  onSaved,
  onOpenPairing,
}: {
  account: AccountView;
  defaults: ConfigDefaults;
  onSaved: () => void;
  onOpenPairing: () => void;
}) {
  const edit = useConfigEdit(onSaved);
  const path = account.configPath;
  // One chats.list for the screen: the groups table and chat_id entries both name the Mac's chats.
  const chats = useChats(account.id);
  const chatNames = useMemo(
    () =>
      new Map(
        chats.kind === "ready"
          ? chats.data.chats.map((chat) => [chat.id, chat.name ?? chat.participants.join(", ")] as const)
          : [],
      ),
    [chats],
  );

  const chooseDmPolicy = (policy: AccountView["dmPolicy"]) => {
    const allowFrom = fitWildcard(dmPolicyRules[policy].allowFrom.wildcard, account.allowFrom);
    void edit.patch(`${path}.dmPolicy`, [
      { keyPath: `${path}.dmPolicy`, value: policy },
      { keyPath: `${path}.allowFrom`, value: allowFrom },
    ]);
  };

  return (
    <>
      <section aria-labelledby="dm-title">
        <h2 id="dm-title" className="group-title">
          Direct messages
        </h2>
        <PolicyChoice
          legend="Who the assistant answers in direct messages"
          options={dmPolicyOptions}
          value={account.dmPolicy}
          error={edit.errorFor(`${path}.dmPolicy`)}
          onChoose={chooseDmPolicy}
        />
      </section>
      <section aria-labelledby="allow-from-title">
        <h2 id="allow-from-title" className="group-title">
          People who may message the assistant
        </h2>
        <div className="group">
          <HandleListEditor
            account={account}
            listKey="allowFrom"
            entries={account.allowFrom}
            label="People who may message the assistant"
            edit={edit}
            chatNames={chatNames}
          />
        </div>
        <ApprovedInPairing accountId={account.id} onOpen={onOpenPairing} />
      </section>
      <section aria-labelledby="groups-title">
        <h2 id="groups-title" className="group-title">
          Group chats
        </h2>
        <PolicyChoice
          legend="Where the assistant answers in group chats"
          options={groupPolicyOptions}
          value={account.groupPolicy}
          error={edit.errorFor(`${path}.groupPolicy`)}
          onChoose={(policy) =>
            void edit.save(`${path}.groupPolicy`, { keyPath: `${path}.groupPolicy`, value: policy })
          }
        />
      </section>
      <section aria-labelledby="group-allow-title">
        <div className="toolbar-row group-title-row">
          <h2 id="group-allow-title" className="group-title">
            People the assistant answers in groups
          </h2>
          {account.groupAllowFrom === null ? (
            <Button
              onClick={() =>
                void edit.save(`${path}.groupAllowFrom`, {
                  keyPath: `${path}.groupAllowFrom`,
                  value: account.allowFrom.filter((entry) => entry !== "*"),
                })
              }
            >
              Use a separate list
            </Button>
          ) : (
            <Button onClick={() => void edit.remove(`${path}.groupAllowFrom`, `${path}.groupAllowFrom`)}>
              Same as direct messages
            </Button>
          )}
        </div>
        <div className="group">
          <HandleListEditor
            account={account}
            listKey="groupAllowFrom"
            entries={account.groupAllowFrom}
            label="People the assistant answers in groups"
            edit={edit}
            chatNames={chatNames}
          />
        </div>
      </section>
      <section aria-labelledby="group-table-title">
        <h2 id="group-table-title" className="group-title">
          Groups on this Mac
        </h2>
        <p className="section-lead">
          Allow a group to let the assistant answer there. “Who may talk” says whose messages it answers in
          that group: everyone in it, or only the people on your list. With “Require mention” it answers only
          messages that mention it (see below).
        </p>
        <GroupsTable account={account} edit={edit} chats={chats} defaultMention={defaults.requireMention} />
      </section>
      <MentionPatternsEditor edit={edit} />
    </>
  );
}

/**
 * People approved through pairing may message the assistant too; they are listed, with the people
 * above, in Pairing's one list, so this says how many and leads there instead of repeating them.
 */
function ApprovedInPairing({ accountId, onOpen }: { accountId: string; onOpen: () => void }) {
  const pairing = usePairing();
  const approved =
    pairing.kind === "ready"
      ? (pairing.data.accounts.find((entry) => entry.accountId === accountId)?.approved.length ?? 0)
      : 0;
  if (approved === 0) return null;
  return (
    <div className="toolbar-row">
      <p className="field-ok">
        {approved === 1 ? "1 more person was" : `${approved} more people were`} approved in Pairing.
      </p>
      <Button onClick={onOpen}>Show in Pairing</Button>
    </div>
  );
}
