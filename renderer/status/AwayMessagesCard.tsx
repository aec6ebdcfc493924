import { useState } from "react";
import type { AwayOverview } from "../../app/ipc/away-schemas.ts";
import { useAwayActions, useAwayMessages } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { describeWhen } from "../ui/human-time.ts";
import { Notice } from "./Notice.tsx";

type AwayAccount = AwayOverview["accounts"][number];

/** The card stays short: the first ones, then how many more. */
const SHOWN = 12;

/**
 * Messages that came while Pinch was away, too late to be answered by themselves: who wrote, where,
 * when and their first words, and the owner's word on them. Shown only when there is something.
 */
export function AwayMessagesCard() {
  const view = useAwayMessages();
  if (view.kind !== "ready") return null;
  const accounts = view.data.accounts.filter((account) => account.messages.length > 0);
  if (accounts.length === 0) return null;
  const count = accounts.reduce((sum, account) => sum + account.messages.length, 0);
  return (
    <Notice id="away-title" kind="away" title="While you were away">
      <p className="notice-text">
        {count === 1 ? "1 message" : `${count} messages`} came while Pinch was away, too late to answer by
        themselves. Nobody is answered until you say so.
      </p>
      {accounts.map((account) => (
        <AwayAccountList key={account.accountId} account={account} named={accounts.length > 1} />
      ))}
    </Notice>
  );
}

function AwayAccountList({ account, named }: { account: AwayAccount; named: boolean }) {
  const actions = useAwayActions();
  const [error, setError] = useState("");
  const settle = async (call: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const result = await call;
    setError(result.ok ? "" : (result.error?.message ?? ""));
  };
  const more = account.messages.length - SHOWN;
  const label = named
    ? `Messages to ${account.accountId} while you were away`
    : "Messages while you were away";
  return (
    <div>
      {named ? <h3 className="notice-title">{account.accountId}</h3> : null}
      <ul className="away-list" aria-label={label}>
        {account.messages.slice(0, SHOWN).map((message) => (
          <li key={message.guid}>
            <p className="away-who">
              <span className="sender-name">{message.name ?? message.sender}</span>
              {message.isGroup ? ` in ${message.chat}` : ""}
              <span className="away-when"> · {describeWhen(message.at)}</span>
            </p>
            {message.preview ? <blockquote className="away-preview">{message.preview}</blockquote> : null}
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="notice-text">…and {more} more.</p> : null}
      <div className="notice-actions">
        <Button
          variant="primary"
          disabled={account.answering}
          onClick={() => void settle(actions.answer({ accountId: account.accountId }))}
        >
          {account.answering ? "Answering…" : "Answer them now"}
        </Button>
        <Button
          disabled={account.answering}
          onClick={() => void settle(actions.dismiss({ accountId: account.accountId }))}
        >
          Dismiss
        </Button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
