/**
 * The `imsg rpc` wire shapes, as the real binary emits them.
 * One owner: the gateway's RPC client validates against these, and the
 * simulator's conformance tests check every object it emits against them.
 * Absent strings are omitted by imsg, never null, so optional fields are
 * `.optional()` rather than `.nullable()`.
 */
import { z } from "zod";

export const AttachmentSchema = z
  .object({
    filename: z.string().optional(),
    transfer_name: z.string().optional(),
    uti: z.string().optional(),
    mime_type: z.string().optional(),
    total_bytes: z.number().int().nonnegative().optional(),
    is_sticker: z.boolean().optional(),
    original_path: z.string().optional(),
    missing: z.boolean().optional(),
    converted_path: z.string().optional(),
    converted_mime_type: z.string().optional(),
    // imsg's prose docs name these two; accepted when reading, never emitted by us.
    byte_size: z.number().int().nonnegative().optional(),
    path: z.string().optional(),
  })
  .loose();
export type Attachment = z.infer<typeof AttachmentSchema>;

export const ReactionSchema = z
  .object({
    type: z.string().optional(),
    emoji: z.string().optional(),
    sender: z.string().optional(),
    is_from_me: z.boolean().optional(),
    created_at: z.string().optional(),
  })
  .loose();

export const ChatSchema = z
  .object({
    id: z.number().int(),
    name: z.string().optional(),
    display_name: z.string().optional(),
    identifier: z.string().optional(),
    guid: z.string().optional(),
    service: z.string().optional(),
    last_message_at: z.string().optional(),
    is_group: z.boolean(),
    participants: z.array(z.string()),
  })
  .loose();
export type Chat = z.infer<typeof ChatSchema>;

export const MessageSchema = z
  .object({
    id: z.number().int(),
    chat_id: z.number().int(),
    chat_identifier: z.string().optional(),
    chat_guid: z.string().optional(),
    chat_name: z.string().optional(),
    participants: z.array(z.string()).optional(),
    is_group: z.boolean().optional(),
    guid: z.string(),
    reply_to_guid: z.string().optional(),
    sender: z.string().optional(),
    sender_name: z.string().optional(),
    is_from_me: z.boolean(),
    text: z.string().optional(),
    created_at: z.string(),
    destination_caller_id: z.string().optional(),
    attachments: z.array(AttachmentSchema).optional(),
    reactions: z.array(ReactionSchema).optional(),
    is_reaction: z.boolean().optional(),
    reaction_type: z.string().optional(),
    reaction_emoji: z.string().optional(),
    is_reaction_add: z.boolean().optional(),
    reacted_to_guid: z.string().optional(),
  })
  .loose();
export type Message = z.infer<typeof MessageSchema>;

export const ChatsListParams = z.object({ limit: z.number().int().positive().optional() });
export const ChatsListResult = z.object({ chats: z.array(ChatSchema) });

export const HistoryParams = z.object({
  chat_id: z.number().int(),
  limit: z.number().int().positive().optional(),
  participants: z.array(z.string()).optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  attachments: z.boolean().optional(),
});
export const HistoryResult = z.object({ messages: z.array(MessageSchema) });

export const WatchSubscribeParams = z.object({
  chat_id: z.number().int().optional(),
  since_rowid: z.number().int().nonnegative().optional(),
  participants: z.array(z.string()).optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  attachments: z.boolean().optional(),
  include_reactions: z.boolean().optional(),
  debounce_ms: z.number().int().nonnegative().optional(),
});
export const WatchSubscribeResult = z.object({ subscription: z.number().int() });
export const WatchUnsubscribeParams = z.object({ subscription: z.number().int() });
export const WatchUnsubscribeResult = z.looseObject({});

export const SendParams = z
  .object({
    to: z.string().optional(),
    chat_id: z.number().int().optional(),
    chat_identifier: z.string().optional(),
    chat_guid: z.string().optional(),
    text: z.string().optional(),
    file: z.string().optional(),
    service: z.enum(["imessage", "sms", "auto"]).optional(),
    region: z.string().optional(),
  })
  // chat_id 0 is a number, not a missing target: test it for presence, the strings for content.
  .refine((p) => p.chat_id !== undefined || Boolean(p.to || p.chat_identifier || p.chat_guid), {
    message: "send needs a target",
  })
  .refine((p) => p.text !== undefined || p.file !== undefined, { message: "send needs text or file" });
export const SendResult = z.object({
  ok: z.boolean(),
  id: z.number().int().optional(),
  guid: z.string().optional(),
});

/**
 * Every method the gateway calls, with the shapes of its params and result.
 * The RPC client's `call` is typed from this map (like the window's
 * contract), so a method cannot be sent another method's params.
 */
export const imsgMethods = {
  "chats.list": { params: ChatsListParams, result: ChatsListResult },
  "messages.history": { params: HistoryParams, result: HistoryResult },
  "watch.subscribe": { params: WatchSubscribeParams, result: WatchSubscribeResult },
  "watch.unsubscribe": { params: WatchUnsubscribeParams, result: WatchUnsubscribeResult },
  send: { params: SendParams, result: SendResult },
} satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;
export type ImsgMethod = keyof typeof imsgMethods;
export type ImsgParams<M extends ImsgMethod> = z.input<(typeof imsgMethods)[M]["params"]>;
export type ImsgResult<M extends ImsgMethod> = z.output<(typeof imsgMethods)[M]["result"]>;

export const MessageNotificationParams = z.object({ subscription: z.number().int(), message: MessageSchema });
/** imsg's `error` notification: the watch stream of that subscription failed and will emit nothing more. */
export const WatchErrorParams = z.object({
  subscription: z.number().int(),
  error: z.looseObject({ message: z.string().optional() }).optional(),
});

/** JSON-RPC 2.0 error codes used by imsg. */
export const RpcErrorCode = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
} as const;

export const RpcErrorSchema = z.object({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
});
export type RpcError = z.infer<typeof RpcErrorSchema>;

/** A frame the gateway may receive on stdout: a response or a notification. */
export const IncomingFrameSchema = z.union([
  z.object({
    jsonrpc: z.literal("2.0"),
    id: z.union([z.number(), z.string()]).nullable(),
    result: z.unknown(),
  }),
  z.object({
    jsonrpc: z.literal("2.0"),
    id: z.union([z.number(), z.string()]).nullable(),
    error: RpcErrorSchema,
  }),
  z.object({ jsonrpc: z.literal("2.0"), method: z.string(), params: z.unknown().optional() }),
]);
export type IncomingFrame = z.infer<typeof IncomingFrameSchema>;
