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
    /** An inline reply: what it answers, as Messages shows it above the bubble. */
    reply_to_text: z.string().optional(),
    reply_to_sender: z.string().optional(),
    thread_originator_guid: z.string().optional(),
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
    /** Inbound only: the row as the database had it when emitted. */
    is_read: z.boolean().optional(),
    date_read: z.string().optional(),
    balloon_bundle_id: z.string().optional(),
    /** Live watch only: the exclusive resume cursor covering every row emitted so far. */
    cursor: z.number().int().optional(),
  })
  .loose();
export type Message = z.infer<typeof MessageSchema>;

export const MessageNotificationParams = z.object({ subscription: z.number().int(), message: MessageSchema });
/** imsg's `error` notification: the watch stream of that subscription failed and will emit nothing more. */
export const WatchErrorParams = z.object({
  subscription: z.number().int(),
  error: z.looseObject({ message: z.string().optional() }).optional(),
});

/**
 * imsg's end of a subscription whose buffer filled (protocol 1): no `error`
 * notification comes with it. Everything after `resume_after_rowid` is still
 * to be read (a row may come twice, none is skipped).
 */
export const WatchOverflowParams = z.object({
  subscription: z.number().int(),
  resume_after_rowid: z.number().int().nonnegative(),
  reason: z.string(),
  terminal: z.literal(true),
});

/** JSON-RPC 2.0 error codes used by imsg, and imsg's own server codes (protocol 1). */
export const RpcErrorCode = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** Over 128 outstanding requests or 64 subscriptions. */
  serverBusy: -32000,
  /** A send that may have completed or is still in flight: never resend blindly. */
  deliveryUncertain: -32001,
  /** The database cannot be opened now; the child lives on, retry after the fix. */
  databaseUnavailable: -32002,
  /** A bridge-only read while no bridge runs. */
  bridgeUnavailable: -32003,
  /** An earlier send is still in flight: every later send fails until the child restarts. */
  mutationLaneBlocked: -32004,
} as const;

/** The `data` of -32001 and -32004: whether the send may be tried again, and why. */
export const DeliveryFailureSchema = z.looseObject({
  retry_safe: z.boolean(),
  disposition: z.enum(["not_started", "may_have_completed", "still_in_flight"]),
  transport: z.string().optional(),
  operation: z.string().optional(),
  detail: z.string().optional(),
});
export type DeliveryFailure = z.infer<typeof DeliveryFailureSchema>;

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
