import { createContext, type ReactNode, useContext } from "react";
import type { PinchClient } from "../../app/ipc/pinch-client.ts";

const ClientContext = createContext<PinchClient | undefined>(undefined);

export function PinchClientProvider({
  client,
  children,
}: {
  client: PinchClient | undefined;
  children: ReactNode;
}) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** For the typed hooks in bridge/ only; components use those hooks. */
export function usePinchClient(): PinchClient | undefined {
  return useContext(ClientContext);
}
