import { useDeferredValue, useState } from "react";
import type { PairingOverview } from "../../app/ipc/view-schemas.ts";
import { usePairing, usePairingActions } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { describeWhen } from "../ui/human-time.ts";
import { ScreenState } from "../ui/ScreenState.tsx";
import { describeAge, describeDuration, useNow } from "../ui/use-now.ts";
import "./pairing.css";

type AccountPairing = PairingOverview["accounts"][number];

export function PairingScreen() {
  const view = usePairing();
  if (view.kind !== "ready") return <ScreenState view={view} what="pairing requests" />;
  const accounts = view.data.accounts;
  if (accounts.length === 0) {
    return (
      <div className="screen">
        <p className="group group-message">No iMessage account is set up yet, so nobody can ask to pair.</p>
      </div>
    );
  }
  return (
    <div className="screen">
      {accounts.map((account) => (
        <AccountPairingView key={account.accountId} account={account} showName={accounts.length > 1} />
      ))}
    </div>
  );
}

function AccountPairingView({ account, showName }: { account: AccountPairing; showName: boolean }) {
  const suffix = showName ? ` (${account.accountId})` : "";
  return (
    <>
      <PendingRequests account={account} title={`Waiting for approval${suffix}`} />
      <ApprovedSenders account={account} title={`Approved senders${suffix}`} />
    </>
  );
}

function PendingRequests({ account, title }: { account: AccountPairing; title: string }) {
  const now = useNow(15_000);
  const actions = usePairingActions();
  const [error, setError] = useState("");
  const headingId = `pending-${account.accountId}`;

  const settle = async (call: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const result = await call;
    setError(result.ok ? "" : (result.error?.message ?? ""));
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="group-title">
        {title}
      </h2>
      <p className="section-lead">
        People who texted the assistant got a code. Approve the ones you know; they can then chat with it.
      </p>
      <div className="group">
        {account.pending.length === 0 ? (
          <p className="group-message group-message-text">No one is waiting.</p>
        ) : (
          <table className="table pairing-table" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">Sender</th>
                <th scope="col">Code</th>
                <th scope="col">Asked</th>
                <th scope="col">Expires in</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {account.pending.map((request) => (
                <tr key={request.code}>
                  <td>
                    {request.name ? <span className="sender-name">{request.name} </span> : null}
                    <span className="mono">{request.sender}</span>
                  </td>
                  <td className="mono">{request.code}</td>
                  <td>{describeAge(now - request.createdAt)}</td>
                  <td>{describeDuration(request.expiresAt - now)}</td>
                  <td>
                    <div className="row-actions">
                      <Button
                        variant="primary"
                        aria-label={`Approve ${request.sender}`}
                        onClick={() =>
                          void settle(
                            actions.approve({
                              accountId: account.accountId,
                              code: request.code,
                              notify: false,
                            }),
                          )
                        }
                      >
                        Approve
                      </Button>
                      <Button
                        aria-label={`Approve ${request.sender} and tell them`}
                        onClick={() =>
                          void settle(
                            actions.approve({
                              accountId: account.accountId,
                              code: request.code,
                              notify: true,
                            }),
                          )
                        }
                      >
                        Approve and notify
                      </Button>
                      <Button
                        aria-label={`Dismiss ${request.sender}`}
                        onClick={() =>
                          void settle(actions.dismiss({ accountId: account.accountId, code: request.code }))
                        }
                      >
                        Dismiss
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <p className="field-error" role="alert">
        {error}
      </p>
    </section>
  );
}

// Beyond this many, the list shows a filtered page: a thousand rows stay quick, ten thousand would not.
const MAX_ROWS = 300;

function ApprovedSenders({ account, title }: { account: AccountPairing; title: string }) {
  const actions = usePairingActions();
  const [filter, setFilter] = useState("");
  const deferred = useDeferredValue(filter.trim().toLowerCase());
  const headingId = `approved-${account.accountId}`;
  const matching =
    deferred === ""
      ? account.approved
      : account.approved.filter((entry) =>
          `${entry.name ?? ""} ${entry.sender}`.toLowerCase().includes(deferred),
        );
  const shown = matching.slice(0, MAX_ROWS);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="group-title">
        {title}
      </h2>
      <div className="toolbar-row approved-tools">
        <input
          className="input"
          type="search"
          aria-label={`Find an approved sender${account.accountId === "default" ? "" : ` (${account.accountId})`}`}
          placeholder="Find a sender"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className="row-detail" role="status">
          {matching.length === account.approved.length
            ? `${account.approved.length} approved`
            : `${matching.length} of ${account.approved.length} approved`}
          {matching.length > shown.length ? `, showing the first ${shown.length}` : ""}
        </span>
      </div>
      <ul className="group approved-list" aria-label={title}>
        {shown.length === 0 ? <li className="row row-detail">No approved senders.</li> : null}
        {shown.map((entry) => (
          <li key={entry.key} className="row">
            <span className="row-main">
              {entry.name ? <span className="sender-name">{entry.name} </span> : null}
              <span className="mono">{entry.sender}</span>
            </span>
            <span className="row-detail">approved {describeWhen(entry.approvedAt)}</span>
            <Button
              variant="danger"
              aria-label={`Remove ${entry.sender}`}
              onClick={() => void actions.remove({ accountId: account.accountId, key: entry.key })}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
