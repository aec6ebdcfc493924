import type { Handlers } from "../../ipc/contract-server.ts";
import { planModelSave, sayHello } from "../model-setup.ts";
import type { ServiceDeps } from "../service-deps.ts";

/** The model the assistant answers with: saving the choice (key in the keychain) and a live hello. */
export function modelHandlers({
  core,
  config,
  host,
}: ServiceDeps): Pick<Handlers, "model.save" | "model.test"> {
  return {
    "model.save": async (choice) => {
      const { plan, ref } = await planModelSave(choice, host);
      await config.edit(plan);
      return { ref };
    },
    "model.test": async () => sayHello((await config.loadValid()).config, host, core.context.env),
  };
}
