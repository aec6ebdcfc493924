import { useEffect, useState } from "react";
import type { GatewayStatus } from "./pinch-api.ts";
import { findPinchBridge } from "./pinch-bridge.ts";

export type GatewayStatusView =
  | { kind: "not-connected" }
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "live"; status: GatewayStatus };

/** The gateway's status, kept current by the bridge's change events. */
export function useGatewayStatus(): GatewayStatusView {
  const [view, setView] = useState<GatewayStatusView>(() =>
    findPinchBridge() ? { kind: "loading" } : { kind: "not-connected" },
  );

  useEffect(() => {
    const bridge = findPinchBridge();
    if (!bridge) return;
    let active = true;
    // Subscribe first so a change that lands while getStatus is in flight is not lost; a late
    // getStatus answer must then not overwrite the newer pushed status.
    let pushed = false;
    const stop = bridge.onStatus((status) => {
      pushed = true;
      if (active) setView({ kind: "live", status });
    });
    bridge.getStatus().then(
      (status) => {
        if (active && !pushed) setView({ kind: "live", status });
      },
      (error: unknown) => {
        if (active && !pushed) setView({ kind: "failed", message: describeError(error) });
      },
    );
    return () => {
      active = false;
      stop();
    };
  }, []);

  return view;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
