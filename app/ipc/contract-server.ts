/**
 * The server side of the window's contract, whoever carries it (Electron's ipcMain in the app, the
 * WebSocket bridge in a browser): one `invoke` that checks the channel and its arguments, runs the
 * handler and always answers an IpcResult, and one `subscribe` for the pushed events.
 */
import { formatKeyPath } from "../config/key-path.ts";
import { explainFailure, explainKnownFailure, failureText } from "../errors/failure-explanation.ts";
import { type EventChannel, type InvokeChannel, isInvokeChannel } from "./channels.ts";
import { type EventPayload, type InvokeData, type InvokeParsedArgs, invokeContract } from "./contract.ts";
import { fail, type IpcError, type IpcResult } from "./ipc-result.ts";
import { ServiceFailure } from "./service-failure.ts";

/** One handler per invoke channel, each given its arguments already parsed by the contract. */
export type Handlers = {
  [C in InvokeChannel]: (args: InvokeParsedArgs<C>) => Promise<InvokeData<C>>;
};

export type ContractListener = (channel: EventChannel, payload: unknown) => void;

export interface ContractServer {
  invoke(channel: string, args: unknown): Promise<IpcResult<unknown>>;
  subscribe(listener: ContractListener): () => void;
}

export interface ContractHub extends ContractServer {
  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void;
  /** Whether anyone listens: pushes that cost work are skipped otherwise. */
  readonly listening: boolean;
  close(): void;
}

export function serveContract(handlers: Handlers): ContractHub {
  const listeners = new Set<ContractListener>();
  return {
    async invoke(channel, args) {
      if (!isInvokeChannel(channel))
        return fail("unknown-channel", `There is no channel named "${String(channel)}".`);
      const contract = invokeContract[channel];
      const parsed = contract.args.safeParse(args ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue ? formatKeyPath(issue.path) : "";
        return fail(
          "invalid-args",
          `${field ? `${field}: ` : ""}${issue?.message ?? "invalid arguments"}`,
          field,
        );
      }
      try {
        const handler = handlers[channel] as (value: unknown) => Promise<unknown>;
        const data = await handler(parsed.data);
        return { ok: true, data: contract.result.parse(data) };
      } catch (error) {
        return failureResult(error);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(channel, payload) {
      for (const listener of listeners) listener(channel, payload);
    },
    get listening() {
      return listeners.size > 0;
    },
    close() {
      listeners.clear();
    },
  };
}

/**
 * A thrown failure as the window receives it: every screen gets the sentence and the raw text
 * behind "Details" without wording errors itself. A handler's own sentence is kept unless it
 * only passes on a known machine error (an EACCES, an ENOTFOUND) that has better words.
 */
function failureResult(error: unknown): { ok: false; error: IpcError } {
  if (error instanceof ServiceFailure) {
    if (error.detail !== undefined || error.action !== undefined)
      return fail(error.code, error.message, error.field, {
        ...(error.detail === undefined ? {} : { detail: error.detail }),
        ...(error.action === undefined ? {} : { action: error.action }),
      });
    const known = explainKnownFailure(error.message);
    return known
      ? fail(error.code, known.message, error.field, withAction(known))
      : fail(error.code, error.message, error.field);
  }
  // Only the text crosses: a stack trace names files and lines of the user's machine.
  return withExplanation(explainFailure(failureText(error)));
}

function withExplanation(explained: ReturnType<typeof explainFailure>): { ok: false; error: IpcError } {
  return fail("internal", explained.message, undefined, withAction(explained));
}

function withAction(explained: ReturnType<typeof explainFailure>): Pick<IpcError, "detail" | "action"> {
  return { detail: explained.detail, ...(explained.action ? { action: explained.action } : {}) };
}
