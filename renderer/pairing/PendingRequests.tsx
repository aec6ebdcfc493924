import { useState } from "react";
import type { PairingOverview } from "../../app/ipc/view-schemas.ts";
import { usePairingActions } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { describeAge, describeDuration, useNow } from "../ui/use-now.ts";

type AccountPairing = PairingOverview["accounts"][number];

/** Who asked to talk to the assistant: their name from Contacts, what they wrote, and the code they got. */
export function PendingRequests({ account, title }: { account: AccountPairing; title: string }) {
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
        People who texted the assistant got a code. Approve the ones you know: the assistant then answers what
        they wrote, and they can chat with it.
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
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {account.pending.map((request) => (
                <tr key={request.code}>
                  <td className="pairing-sender">
                    <div>
                      {request.name ? <span className="sender-name">{request.name} </span> : null}
                      <span className="mono">{request.sender}</span>
                    </div>
                    {request.firstMessage ? (
                      <blockquote className="first-message">{request.firstMessage}</blockquote>
                    ) : null}
                    <div className="row-detail">
                      Asked {describeAge(now - request.createdAt)} · expires in{" "}
                      {describeDuration(request.expiresAt - now)}
                    </div>
                  </td>
                  <td className="mono">{request.code}</td>
                  <td className="pairing-actions">
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
