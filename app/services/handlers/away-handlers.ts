import type { AwayMessages } from "../../channel/away-messages.ts";
import { chatLabel, senderLabel } from "../../channel/away-note.ts";
import type { AwayOverview } from "../../ipc/away-schemas.ts";
import type { Handlers } from "../../ipc/contract-server.ts";
import { ServiceFailure } from "../../ipc/service-failure.ts";
import type { ServiceDeps } from "../service-deps.ts";

type AwayChannels = "away.list" | "away.answer" | "away.dismiss";

/** The window shows this much of each message, like Pairing's first message. */
const PREVIEW_CHARS = 80;

/** The messages that came while Pinch was away: listed, answered on the owner's click, or dismissed. */
export function awayHandlers(deps: ServiceDeps): Pick<Handlers, AwayChannels> {
  const running = async (accountId: string): Promise<AwayMessages> => {
    await deps.core.ensureStarted();
    const away = deps.core.awayOf(accountId);
    if (!away) {
      throw new ServiceFailure("not-running", `Account "${accountId}" is not running; start it first.`);
    }
    return away;
  };
  return {
    "away.list": () => awayOverview(deps),
    "away.answer": async ({ accountId }) => {
      const away = await running(accountId);
      const count = away.entries.length;
      void away.answerAll();
      return { answering: count };
    },
    "away.dismiss": async ({ accountId }) => ({ dismissed: await (await running(accountId)).dismiss() }),
  };
}

export async function awayOverview({ core }: ServiceDeps): Promise<AwayOverview> {
  await core.ensureStarted();
  return {
    accounts: core.awayAccounts().map(({ accountId, away }) => ({
      accountId,
      answering: away.answering,
      messages: away.entries.map(({ message }) => ({
        guid: message.guid,
        sender: message.sender ?? senderLabel(message),
        ...(message.sender_name ? { name: message.sender_name } : {}),
        chat: chatLabel(message),
        isGroup: message.is_group === true,
        at: message.created_at,
        preview: firstWords(message.text ?? ""),
      })),
    })),
  };
}

function firstWords(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}
