import type { AccountView, PairingOverview } from "../../app/ipc/view-schemas.ts";
import { useAccounts, usePairing } from "../bridge/hooks.ts";
import { ScreenState } from "../ui/ScreenState.tsx";
import { PairingOffNotice } from "./PairingOffNotice.tsx";
import { PendingRequests } from "./PendingRequests.tsx";
import { PeopleList } from "./PeopleList.tsx";
import "./pairing.css";

type AccountPairing = PairingOverview["accounts"][number];

export function PairingScreen() {
  const view = usePairing();
  const accountsView = useAccounts();
  if (view.kind !== "ready") return <ScreenState view={view} what="pairing requests" />;
  const accounts = view.data.accounts;
  if (accounts.length === 0) {
    return (
      <div className="screen">
        <p className="group group-message">No iMessage account is set up yet, so nobody can ask to pair.</p>
      </div>
    );
  }
  const settings = accountsView.kind === "ready" ? accountsView.data.accounts : [];
  return (
    <div className="screen">
      {accounts.map((account) => (
        <AccountPairingView
          key={account.accountId}
          pairing={account}
          account={settings.find((candidate) => candidate.id === account.accountId)}
          showName={accounts.length > 1}
          onSaved={accountsView.reload}
        />
      ))}
    </div>
  );
}

function AccountPairingView({
  pairing,
  account,
  showName,
  onSaved,
}: {
  pairing: AccountPairing;
  account: AccountView | undefined;
  showName: boolean;
  onSaved: () => void;
}) {
  const suffix = showName ? ` (${pairing.accountId})` : "";
  return (
    <>
      {account?.dmPolicy === "allowlist" ? <PairingOffNotice account={account} onSaved={onSaved} /> : null}
      <PendingRequests account={pairing} title={`Waiting for approval${suffix}`} />
      <PeopleList
        pairing={pairing}
        account={account}
        title={`People who can message the assistant${suffix}`}
        onSaved={onSaved}
      />
    </>
  );
}
