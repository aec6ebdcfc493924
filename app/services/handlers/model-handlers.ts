import type { Handlers } from "../../ipc/contract-server.ts";
import { HELLO_TIMEOUT_SECONDS, planModelSave, sayHello } from "../model-setup.ts";
import type { ServiceDeps } from "../service-deps.ts";

/**
 * The model the assistant answers with: saving the choice (key in the keychain), a live hello,
 * and stopping a hello the person no longer wants to wait for.
 */
export function modelHandlers({
  core,
  config,
  host,
}: ServiceDeps): Pick<Handlers, "model.save" | "model.test" | "model.cancelTest"> {
  const running = new Set<AbortController>();
  return {
    "model.save": async (choice) => {
      const { plan, ref } = await planModelSave(choice, host);
      await config.edit(plan);
      return { ref };
    },
    "model.test": async ({ timeoutSeconds }) => {
      const cancel = new AbortController();
      running.add(cancel);
      try {
        return await sayHello((await config.loadValid()).config, host, core.context.env, {
          timeoutSeconds: timeoutSeconds ?? HELLO_TIMEOUT_SECONDS,
          cancel: cancel.signal,
        });
      } finally {
        running.delete(cancel);
      }
    },
    "model.cancelTest": async () => {
      const cancelled = running.size;
      for (const cancel of running) cancel.abort();
      return { cancelled };
    },
  };
}
