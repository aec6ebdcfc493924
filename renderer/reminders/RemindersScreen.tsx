import { useState } from "react";
import type { RemindersOverview, ReminderView } from "../../app/ipc/reminder-schemas.ts";
import { useReminderActions, useReminders } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { ScreenState } from "../ui/ScreenState.tsx";
import { useNow } from "../ui/use-now.ts";
import { AssistantSettings } from "./AssistantSettings.tsx";
import { describeDue } from "./due-words.ts";
import "./reminders.css";

type AccountReminders = RemindersOverview["accounts"][number];

/** Reminders and scheduled messages the owner set in chat: what is coming, and what went out. */
export function RemindersScreen() {
  const view = useReminders();
  if (view.kind !== "ready") return <ScreenState view={view} what="reminders" />;
  const accounts = view.data.accounts;
  if (accounts.length === 0) {
    return (
      <div className="screen">
        <p className="group group-message">No iMessage account is set up yet, so there are no reminders.</p>
      </div>
    );
  }
  return (
    <div className="screen">
      <p className="section-lead">
        Text your assistant “remind me at 5 to call mum”, or ask it to text someone later (it asks for your
        yes first). In chat, /reminders lists them and /cancel 2 takes one off.
      </p>
      {accounts.map((account) => (
        <AccountRemindersView
          key={account.accountId}
          account={account}
          showName={accounts.length > 1}
          onChanged={view.reload}
        />
      ))}
      <AssistantSettings />
    </div>
  );
}

function AccountRemindersView({
  account,
  showName,
  onChanged,
}: {
  account: AccountReminders;
  showName: boolean;
  onChanged: () => void;
}) {
  const suffix = showName ? ` (${account.accountId})` : "";
  const byDue = [...account.reminders].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const upcoming = byDue.filter(
    (reminder) => reminder.state === "scheduled" || reminder.state === "awaiting-yes",
  );
  const sent = byDue.filter((reminder) => reminder.state === "sent").reverse();
  const upcomingId = `reminders-upcoming-${account.accountId}`;
  const sentId = `reminders-sent-${account.accountId}`;
  return (
    <>
      <section aria-labelledby={upcomingId}>
        <h2 id={upcomingId} className="group-title">
          Upcoming{suffix}
        </h2>
        <ul className="group reminder-list" aria-label={`Upcoming${suffix}`}>
          {!account.running ? (
            <li className="row row-detail">
              This account is not running; its reminders show once it starts.
            </li>
          ) : upcoming.length === 0 ? (
            <li className="row row-detail">
              Nothing coming up. Ask your assistant in chat to remind you of something.
            </li>
          ) : null}
          {upcoming.map((reminder) => (
            <UpcomingRow
              key={reminder.id}
              accountId={account.accountId}
              reminder={reminder}
              onChanged={onChanged}
            />
          ))}
        </ul>
      </section>
      {sent.length > 0 ? (
        <section aria-labelledby={sentId}>
          <h2 id={sentId} className="group-title">
            Sent{suffix}
          </h2>
          <ul className="group reminder-list" aria-label={`Sent${suffix}`}>
            {sent.map((reminder) => (
              <SentRow key={reminder.id} reminder={reminder} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function What({ reminder }: { reminder: ReminderView }) {
  return (
    <span className="row-main">
      <span className="row-title reminder-text">{reminder.text}</span>
      <span className="row-detail">
        {reminder.kind === "reminder" ? "Reminder to you" : `Message to ${reminder.chatLabel}`}
        {reminder.state === "awaiting-yes" ? " · waiting for your yes" : ""}
      </span>
    </span>
  );
}

/** One reminder to come, and Cancel, which asks first; a message waiting for a yes offers Send and Don't send. */
function UpcomingRow({
  accountId,
  reminder,
  onChanged,
}: {
  accountId: string;
  reminder: ReminderView;
  onChanged: () => void;
}) {
  const now = useNow(30_000);
  const { cancel, confirm } = useReminderActions();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const act = async (call: () => Promise<{ ok: true; done: boolean } | { ok: false; message: string }>) => {
    const result = await call();
    if (!result.ok) setError(result.message);
    else if (!result.done) setError("It was already sent or cancelled.");
    onChanged();
  };
  const doCancel = () =>
    act(async () => {
      const result = await cancel({ accountId, id: reminder.id });
      return result.ok
        ? { ok: true, done: result.data.cancelled }
        : { ok: false, message: result.error.message };
    });
  const answer = (send: boolean) =>
    act(async () => {
      const result = await confirm({ accountId, id: reminder.id, send });
      return result.ok
        ? { ok: true, done: result.data.settled }
        : { ok: false, message: result.error.message };
    });
  return (
    <li className="row">
      <What reminder={reminder} />
      <span className="row-detail reminder-when">{describeDue(reminder.dueAt, now)}</span>
      {reminder.state === "awaiting-yes" ? (
        <div className="row-actions">
          <Button aria-label={`Don't send “${reminder.text}”`} onClick={() => void answer(false)}>
            Don't send
          </Button>
          <Button variant="primary" aria-label={`Send “${reminder.text}”`} onClick={() => void answer(true)}>
            Send
          </Button>
        </div>
      ) : confirming ? (
        <div className="row-actions">
          <Button onClick={() => setConfirming(false)}>Keep</Button>
          <Button
            variant="danger"
            aria-label={`Cancel “${reminder.text}” for good`}
            onClick={() => void doCancel()}
          >
            Cancel it
          </Button>
        </div>
      ) : (
        <Button variant="danger" aria-label={`Cancel “${reminder.text}”`} onClick={() => setConfirming(true)}>
          Cancel
        </Button>
      )}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </li>
  );
}

function SentRow({ reminder }: { reminder: ReminderView }) {
  const now = useNow(30_000);
  return (
    <li className="row">
      <What reminder={reminder} />
      <span className="row-detail reminder-when">
        {describeDue(reminder.sentAt ?? reminder.dueAt, now)}
        {reminder.late ? <span className="badge reminder-late">late</span> : null}
      </span>
    </li>
  );
}
