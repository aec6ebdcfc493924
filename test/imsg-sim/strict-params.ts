/**
 * Protocol 1's params: each method accepts only its documented keys (and the
 * few documented aliases), and values are type-strict: a string is not a
 * number, a boolean is not an integer, a string array holds only strings,
 * null is refused. Every refusal is -32602 with the problem named in `data`,
 * worded as imsg words it. (Legacy mode reads params leniently: rpc-params.ts.)
 */
import { invalidParams } from "./rpc-errors.ts";
import type { Params } from "./rpc-params.ts";

export const CHAT_SELECTORS = ["chat_id", "chat_identifier", "chat_guid"] as const;

/** Where a send, typing or read goes: a handle, or exactly one chat selector. */
export interface TargetInput {
  to: string;
  chatId: number | undefined;
  chatIdentifier: string;
  chatGuid: string;
}

export class StrictParams {
  private readonly values: Params;

  constructor(values: Params, method: string, supportedKeys: readonly string[]) {
    const unknown = Object.keys(values)
      .filter((key) => !supportedKeys.includes(key))
      .sort()[0];
    if (unknown !== undefined) throw invalidParams(`unknown ${method} param: ${unknown}`);
    this.values = values;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.values, key);
  }

  string(key: string, aliases: string[] = []): string | undefined {
    const picked = this.pick(key, aliases);
    if (!picked) return undefined;
    if (typeof picked.value !== "string") throw invalidParams(`${picked.name} must be a string`);
    return picked.value;
  }

  integer(key: string, aliases: string[] = []): number | undefined {
    const picked = this.pick(key, aliases);
    if (!picked) return undefined;
    if (typeof picked.value !== "number" || !Number.isSafeInteger(picked.value)) {
      throw invalidParams(`${picked.name} must be an integer`);
    }
    return picked.value;
  }

  boolean(key: string, aliases: string[] = []): boolean | undefined {
    const picked = this.pick(key, aliases);
    if (!picked) return undefined;
    if (typeof picked.value !== "boolean") throw invalidParams(`${picked.name} must be a boolean`);
    return picked.value;
  }

  stringArray(key: string): string[] | undefined {
    const picked = this.pick(key, []);
    if (!picked) return undefined;
    const { name, value } = picked;
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
      throw invalidParams(`${name} must be an array of strings`);
    }
    return value;
  }

  objectArray(key: string, aliases: string[] = []): Params[] | undefined {
    const picked = this.pick(key, aliases);
    if (!picked) return undefined;
    const { name, value } = picked;
    const isObject = (item: unknown) => typeof item === "object" && item !== null && !Array.isArray(item);
    if (!Array.isArray(value) || !value.every(isObject)) {
      throw invalidParams(`${name} must be an array of objects`);
    }
    return value as Params[];
  }

  /** Exactly one chat selector (or none, when not required), each checked for its own type. */
  chatTarget(required = true): TargetInput {
    const supplied = CHAT_SELECTORS.filter((key) => this.has(key));
    if (supplied.length > 1 || (required && supplied.length !== 1)) {
      throw invalidParams("exactly one of chat_id, chat_identifier, or chat_guid is required");
    }
    const target: TargetInput = { to: "", chatId: undefined, chatIdentifier: "", chatGuid: "" };
    switch (supplied[0]) {
      case "chat_id": {
        const chatId = this.integer("chat_id");
        if (chatId === undefined || chatId <= 0) throw invalidParams("chat_id must be a positive integer");
        return { ...target, chatId };
      }
      case "chat_identifier": {
        const identifier = this.string("chat_identifier");
        if (!identifier) throw invalidParams("chat_identifier must be a non-empty string");
        return { ...target, chatIdentifier: identifier };
      }
      case "chat_guid": {
        const guid = this.string("chat_guid");
        if (!guid) throw invalidParams("chat_guid must be a non-empty string");
        return { ...target, chatGuid: guid };
      }
      default:
        return target;
    }
  }

  /** `to`, or exactly one chat selector; never both. */
  recipientOrChatTarget(): TargetInput {
    const hasRecipient = this.has("to");
    if (hasRecipient && CHAT_SELECTORS.some((key) => this.has(key))) {
      throw invalidParams("use to or exactly one chat selector; not both");
    }
    if (!hasRecipient) return this.chatTarget();
    const to = this.string("to");
    if (!to) throw invalidParams("to must be a non-empty string");
    return { to, chatId: undefined, chatIdentifier: "", chatGuid: "" };
  }

  private pick(key: string, aliases: string[]): { name: string; value: unknown } | undefined {
    const names = [key, ...aliases];
    const supplied = names.filter((name) => this.has(name));
    if (supplied.length > 1) throw invalidParams(`use only one of ${names.join(", ")}`);
    const name = supplied[0];
    if (name === undefined) return undefined;
    const value = this.values[name];
    if (value === null) throw invalidParams(`${name} must not be null`);
    return { name, value };
  }
}
