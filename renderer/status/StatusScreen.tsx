import type { ReactNode } from "react";
import type { GatewayStatus } from "../../app/ipc/view-schemas.ts";
import type { SectionId } from "../app/sections.ts";
import { LobsterMark } from "../brand/LobsterMark.tsx";
import { useGatewayStatus } from "../bridge/hooks.ts";
import type { ChannelView } from "../bridge/use-channel.ts";
import { Button } from "../ui/Button.tsx";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { describeWhen } from "../ui/human-time.ts";
import { AccountList } from "./AccountList.tsx";
import { AwayMessagesCard } from "./AwayMessagesCard.tsx";
import { CopyDiagnostics } from "./CopyDiagnostics.tsx";
import { ModelSummary } from "./ModelSummary.tsx";
import { Notice } from "./Notice.tsx";
import { PausedNotice } from "./PausedNotice.tsx";
import { UsagePanel } from "./UsagePanel.tsx";
import "./status.css";

type StatusView = ChannelView<GatewayStatus>;

export function StatusScreen({ onOpen }: { onOpen?: (section: SectionId) => void }) {
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
      <StatusBody view={view} onOpen={onOpen} />
      {view.kind === "ready" ? <CopyDiagnostics /> : null}
    </div>
  );
}

function ConnectionPill({ view }: { view: StatusView }) {
  switch (view.kind) {
    case "ready":
      return (
        <span className="pill" data-tone={view.data.overall.tone} data-testid="status-pill">
          {view.data.overall.headline}
        </span>
      );
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

function StatusBody({
  view,
  onOpen,
}: {
  view: StatusView;
  onOpen: ((section: SectionId) => void) | undefined;
}) {
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
          <ErrorNote error={view.error} />
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
    case "ready":
      return (
        <>
          {view.data.problem ? (
            <Notice id="gateway-problem-title" kind="error" title="The gateway is not running">
              <p className="notice-text">{view.data.problem}</p>
              <p className="notice-text">
                Fix the config file ({view.data.configPath}); Pinch starts again by itself.
              </p>
            </Notice>
          ) : null}
          {view.data.agent?.state === "failing" ? (
            <Notice id="model-failing-title" kind="error" title="The model is not answering">
              {view.data.agent.lastError ? <ModelError error={view.data.agent.lastError} /> : null}
              <p className="notice-text">
                People who write get the short failure reply until a model answers again. To change the key or
                the provider, open Settings → Model.
              </p>
            </Notice>
          ) : null}
          {view.data.overall.paused ? <PausedNotice /> : null}
          <PendingRequestsLine count={view.data.overall.pendingRequests} onOpen={onOpen} />
          <AwayMessagesCard />
          <ModelSummary model={view.data.model} agent={view.data.agent} />
          <UsagePanel usage={view.data.usage} agent={view.data.agent} model={view.data.model} />
          <AccountsSection busy={false}>
            <AccountList accounts={view.data.accounts} />
          </AccountsSection>
        </>
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

/** The model's last failure in words, which model and when, with the provider's own text under Details. */
function ModelError({ error }: { error: NonNullable<NonNullable<GatewayStatus["agent"]>["lastError"]> }) {
  return (
    <>
      <p className="notice-text">
        {error.model ? `${error.model}, ` : ""}
        {describeWhen(error.at)}
      </p>
      <ErrorNote error={error} />
    </>
  );
}

function PendingRequestsLine({
  count,
  onOpen,
}: {
  count: number;
  onOpen: ((section: SectionId) => void) | undefined;
}) {
  if (count === 0) return null;
  return (
    <div className="group status-line">
      <p className="status-line-text">
        {count === 1 ? "1 person is" : `${count} people are`} waiting for your approval to message the
        assistant.
      </p>
      {onOpen ? (
        <Button variant="primary" onClick={() => onOpen("pairing")}>
          Review
        </Button>
      ) : null}
    </div>
  );
}
