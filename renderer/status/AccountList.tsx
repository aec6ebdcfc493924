import { presentAccountState } from "../../app/imsg/account-state-presentation.ts";
import type { AccountStatusView as AccountStatus } from "../../app/ipc/view-schemas.ts";
import { describeWhen } from "../ui/human-time.ts";
import { DeliveryProblems } from "./DeliveryProblems.tsx";
import { ImsgFacts } from "./ImsgFacts.tsx";

export function AccountList({ accounts }: { accounts: readonly AccountStatus[] }) {
  if (accounts.length === 0) {
    return (
      <div className="group group-message">
        <p className="group-message-title">No accounts yet</p>
        <p className="group-message-text">
          Pinch has no iMessage account in its config. Each account you add appears here with its state.
        </p>
      </div>
    );
  }
  return (
    <ul className="group account-list">
      {accounts.map((account) => (
        <AccountRow key={account.id} account={account} />
      ))}
    </ul>
  );
}

/** `2026-11-25T16:59:05.590Z` → `16:59:05 UTC`. */

function AccountRow({ account }: { account: AccountStatus }) {
  const { label, tone } = presentAccountState(account.state);
  return (
    <li className="account-row">
      <span className="state-dot" data-tone={tone} aria-hidden="true" />
      <div className="account-text">
        <p className="account-name">
          {account.name ?? account.id}
          {account.name ? <span className="account-id">{account.id}</span> : null}
        </p>
        {account.detail ? (
          <p className="account-detail">
            {account.detail}
            {account.since ? ` since ${describeWhen(account.since)}` : ""}
            {account.retryAt ? `; Pinch tries again ${describeWhen(account.retryAt)}` : ""}
          </p>
        ) : null}
        {account.raw ? (
          <details className="error-note-details">
            <summary>Details</summary>
            <pre className="error-note-raw">{account.raw}</pre>
          </details>
        ) : null}
        {account.fix ? <p className="account-detail account-fix">{account.fix}</p> : null}
        {account.stderr ? (
          <p className="account-detail account-stderr">
            imsg stderr ({describeWhen(account.stderr.at)}): <code>{account.stderr.line}</code>
          </p>
        ) : null}
        {account.imsg ? <ImsgFacts imsg={account.imsg} /> : null}
        {account.deliveryProblems ? <DeliveryProblems problems={account.deliveryProblems} /> : null}
        {account.staleSkipped ? (
          <p className="account-detail">
            {account.staleSkipped.count} messages were too old to answer when they arrived (the last{" "}
            {describeWhen(account.staleSkipped.last)}).
          </p>
        ) : null}
        {account.pairingTurnedAway ? (
          <p className="account-detail">
            {account.pairingTurnedAway.count} unknown senders got no pairing code: too many new requests in an
            hour (the last {describeWhen(account.pairingTurnedAway.last)}).
          </p>
        ) : null}
      </div>
      <span className="pill" data-tone={tone}>
        {label}
      </span>
    </li>
  );
}
