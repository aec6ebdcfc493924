import type { ChannelView } from "../bridge/use-channel.ts";
import { ErrorNote } from "./ErrorNote.tsx";

/** What a screen shows before its data is there: connecting, not connected, or the error. */
export function ScreenState({ view, what }: { view: ChannelView<unknown>; what: string }) {
  return (
    <div className="screen">
      <div className="group group-message" role={view.kind === "failed" ? "alert" : "status"}>
        {view.kind === "loading" ? <p className="group-message-text">Reading {what}…</p> : null}
        {view.kind === "not-connected" ? (
          <p className="group-message-text">
            Not connected to the Pinch gateway: open Pinch from the menu bar.
          </p>
        ) : null}
        {view.kind === "failed" ? (
          <>
            <p className="group-message-title">Could not read {what}</p>
            <ErrorNote error={view.error} />
          </>
        ) : null}
      </div>
    </div>
  );
}
