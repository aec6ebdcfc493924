import type { ReactNode } from "react";
import { LobsterMark } from "../brand/LobsterMark.tsx";
import { type GatewayStatusView, useGatewayStatus } from "../bridge/use-gateway-status.ts";
import { AccountList } from "./AccountList.tsx";
import { summarizeAccounts } from "./account-state.ts";
import { Notice } from "./Notice.tsx";
import "./status.css";

export function StatusScreen() {
  const view = useGatewayStatus();
  return (
    <div className="status">
      <section className="status-hero" aria-labelledby="status-app-name">
        <LobsterMark size={72} />
        <div className="status-hero-text">
          <h2 id="status-app-name" className="status-app-name">
            Pinch
          </h2>
          <p className="status-tagline">Your personal assistant on iMessage</p>
        </div>
        <ConnectionPill view={view} />
      </section>
      <StatusBody view={view} />
    </div>
  );
}

function ConnectionPill({ view }: { view: GatewayStatusView }) {
  switch (view.kind) {
    case "live": {
      const summary = summarizeAccounts(view.status.accounts);
      return (
        <span className="pill" data-tone={summary.tone}>
          {summary.label}
        </span>
      );
    }
    case "loading":
      return (
        <span className="pill" data-tone="busy">
          Connecting…
        </span>
      );
    case "failed":
      return (
        <span className="pill" data-tone="problem">
          Status unavailable
        </span>
      );
    case "not-connected":
      return (
        <span className="pill" data-tone="idle">
          Not connected
        </span>
      );
  }
}

function StatusBody({ view }: { view: GatewayStatusView }) {
  switch (view.kind) {
    case "not-connected":
      return (
        <Notice id="not-connected-title" kind="disconnected" title="Not connected to the Pinch gateway">
          <p className="notice-text">
            This page shows live status only inside the Pinch app. Open Pinch from the lobster in the menu bar
            to see your accounts.
          </p>
        </Notice>
      );
    case "failed":
      return (
        <Notice id="status-failed-title" kind="error" title="Could not read the gateway status">
          <p className="notice-text">{view.message}</p>
          <p className="notice-text">Quit Pinch from the menu bar and open it again.</p>
        </Notice>
      );
    case "loading":
      return (
        <AccountsSection busy>
          <div className="group group-message">
            <p className="group-message-text">Reading the status of your accounts…</p>
          </div>
        </AccountsSection>
      );
    case "live":
      return (
        <AccountsSection busy={false}>
          <AccountList accounts={view.status.accounts} />
        </AccountsSection>
      );
  }
}

function AccountsSection({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <section className="accounts" aria-labelledby="accounts-title" aria-busy={busy}>
      <h2 id="accounts-title" className="group-title">
        Accounts
      </h2>
      {children}
    </section>
  );
}
