import { useCallback, useEffect, useRef, useState } from "react";
import type { EventChannel, InvokeChannel } from "../../app/ipc/channels.ts";
import type { EventPayload, InvokeArgs, InvokeData } from "../../app/ipc/contract.ts";
import type { IpcError, IpcResult } from "../../app/ipc/ipc-result.ts";
import { usePinchClient } from "./client-context.tsx";

export type ChannelView<T> =
  | { kind: "not-connected" }
  | { kind: "loading" }
  | { kind: "failed"; error: IpcError }
  | { kind: "ready"; data: T };

/**
 * The answer of one invoke channel, fetched on mount and again on `reload()` or any of
 * `refreshOn` events; `fromEvent` lets an event carry the new data itself.
 */
export function useChannel<C extends InvokeChannel, E extends EventChannel = never>(
  channel: C,
  args: InvokeArgs<C>,
  options: {
    refreshOn?: readonly EventChannel[];
    pollMs?: number;
    fromEvent?: { channel: E; map: (payload: EventPayload<E>) => InvokeData<C> };
  } = {},
): ChannelView<InvokeData<C>> & { reload: () => void } {
  const client = usePinchClient();
  const [view, setView] = useState<ChannelView<InvokeData<C>>>(
    client ? { kind: "loading" } : { kind: "not-connected" },
  );
  const argsKey = JSON.stringify(args);
  const generation = useRef(0);
  const { refreshOn, pollMs, fromEvent } = options;
  const refreshKey = (refreshOn ?? []).join(",");

  const inFlight = useRef(0);
  const load = useCallback(() => {
    if (!client) return;
    const mine = ++generation.current;
    inFlight.current += 1;
    void client.invoke(channel, JSON.parse(argsKey) as InvokeArgs<C>).then((result) => {
      inFlight.current -= 1;
      if (mine !== generation.current) return;
      setView(result.ok ? { kind: "ready", data: result.data } : { kind: "failed", error: result.error });
    });
  }, [client, channel, argsKey]);
  // A poll waits for the previous answer: a check held up by a macOS prompt must not pile up processes.
  const poll = useCallback(() => {
    if (inFlight.current === 0) load();
  }, [load]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey stands for refreshOn's contents.
  useEffect(() => {
    if (!client) return;
    load();
    const stops = (refreshOn ?? []).map((event) => client.on(event, () => load()));
    const timer = pollMs ? window.setInterval(poll, pollMs) : undefined;
    return () => {
      for (const stop of stops) stop();
      if (timer !== undefined) window.clearInterval(timer);
    };
  }, [client, load, poll, refreshKey, pollMs]);

  const mapRef = useRef(fromEvent);
  mapRef.current = fromEvent;
  const eventChannel = fromEvent?.channel;
  useEffect(() => {
    if (!client || !eventChannel) return;
    return client.on(eventChannel, (payload) => {
      const map = mapRef.current;
      if (!map) return;
      generation.current += 1;
      setView({ kind: "ready", data: map.map(payload as EventPayload<E>) });
    });
  }, [client, eventChannel]);

  return { ...view, reload: load };
}

/** A function that calls one channel and resolves to its IpcResult, for buttons and forms. */
export function useAction<C extends InvokeChannel>(
  channel: C,
): (args: InvokeArgs<C>) => Promise<IpcResult<InvokeData<C>>> {
  const client = usePinchClient();
  return useCallback(
    async (args: InvokeArgs<C>) =>
      client
        ? client.invoke(channel, args)
        : {
            ok: false as const,
            error: { code: "not-connected", message: "Not connected to the Pinch gateway." },
          },
    [client, channel],
  );
}

/** Calls `listener` with every payload of one event channel while mounted. */
export function useEvent<E extends EventChannel>(
  channel: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const client = usePinchClient();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => client?.on(channel, (payload) => ref.current(payload)), [client, channel]);
}
