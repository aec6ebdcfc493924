/**
 * Every `imsg rpc` method the gateway calls, with the shapes of its params and
 * result, as imsg's protocol 1 documents them (releases 0.14–0.15.x). imsg
 * refuses any key a method does not document (-32602), so the params are
 * strict here too: the RPC client checks them before anything is sent, and
 * its `call` is typed from this map, so a method cannot be sent another
 * method's params.
 */
import { z } from "zod";
import { ChatSchema, MessageSchema } from "./protocol.ts";

/** The protocol Pinch speaks; `initialize` asks for it. */
export const IMSG_PROTOCOL_VERSION = 1;

const ChatId = z.number().int().positive();

export const InitializeParams = z.object({ protocol_version: z.literal(IMSG_PROTOCOL_VERSION) }).strict();

/** What an imsg build can do right now: the answer to `initialize` and `status`. */
export const ImsgStatusSchema = z.looseObject({
  version: z.string(),
  protocol_version: z.number().int(),
  database: z.looseObject({
    path: z.string().optional(),
    ready: z.boolean(),
    error: z.string().optional(),
    features: z.record(z.string(), z.boolean()).optional(),
  }),
  bridge: z.looseObject({ ready: z.boolean(), error: z.string().optional() }).optional(),
  /** Usable at this instant (a database read only while the database opens). */
  methods: z.array(z.string()),
  /** Compiled into this build, usable or not. */
  supported_methods: z.array(z.string()),
  capabilities: z
    .looseObject({
      engine: z
        .looseObject({
          version: z.string().optional(),
          commit: z.string().optional(),
          built_at: z.string().optional(),
        })
        .optional(),
      features: z.record(z.string(), z.number()).optional(),
    })
    .optional(),
});
export type ImsgStatus = z.infer<typeof ImsgStatusSchema>;

export const ChatsListParams = z.object({ limit: z.number().int().positive().optional() }).strict();
export const ChatsListResult = z.object({ chats: z.array(ChatSchema) });

export const HistoryParams = z
  .object({
    chat_id: ChatId,
    limit: z.number().int().positive().optional(),
    participants: z.array(z.string()).optional(),
    start: z.string().optional(),
    end: z.string().optional(),
    attachments: z.boolean().optional(),
  })
  .strict();
export const HistoryResult = z.object({ messages: z.array(MessageSchema) });

/** Rows after a cursor in ROWID order, a page at a time: the resumable way to read what was missed. */
export const MessagesAfterParams = z
  .object({
    since_rowid: z.number().int().nonnegative(),
    chat_id: ChatId.optional(),
    limit: z.number().int().min(1).max(500).optional(),
    attachments: z.boolean().optional(),
    include_reactions: z.boolean().optional(),
  })
  .strict();
export const MessagesAfterResult = z.object({
  messages: z.array(MessageSchema),
  /** The physical scan cursor: persist it, it may pass the last returned message. */
  next_rowid: z.number().int().nonnegative(),
  has_more: z.boolean(),
});

export const WatchSubscribeParams = z
  .object({
    chat_id: ChatId.optional(),
    since_rowid: z.number().int().min(-1).optional(),
    participants: z.array(z.string()).optional(),
    start: z.string().optional(),
    end: z.string().optional(),
    attachments: z.boolean().optional(),
    include_reactions: z.boolean().optional(),
    debounce_ms: z.number().int().nonnegative().optional(),
    /** Protocol 1: rows waiting for this subscriber before it ends with `watch.overflow`. */
    buffer_limit: z.number().int().min(1).max(4096).optional(),
  })
  .strict();
export const WatchSubscribeResult = z.object({
  subscription: z.number().int(),
  buffer_limit: z.number().int().optional(),
});
export const WatchUnsubscribeParams = z.object({ subscription: z.number().int() }).strict();
export const WatchUnsubscribeResult = z.looseObject({});

const ChatTarget = {
  to: z.string().min(1).optional(),
  chat_id: ChatId.optional(),
  chat_identifier: z.string().min(1).optional(),
  chat_guid: z.string().min(1).optional(),
};

/** A direct send needs `to`; a chat send exactly one chat selector; never both. */
function oneTarget(params: {
  to?: string | undefined;
  chat_id?: number | undefined;
  chat_identifier?: string | undefined;
  chat_guid?: string | undefined;
}): boolean {
  const selectors = [params.chat_id, params.chat_identifier, params.chat_guid].filter(
    (value) => value !== undefined,
  );
  return params.to !== undefined ? selectors.length === 0 : selectors.length === 1;
}

export const SendParams = z
  .object({
    ...ChatTarget,
    text: z.string().optional(),
    file: z.string().optional(),
    service: z.enum(["imessage", "sms", "auto"]).optional(),
    region: z.string().optional(),
    /** Bridge only: thread the reply under this message. */
    reply_to: z.string().min(1).optional(),
  })
  .strict()
  .refine(oneTarget, { message: "send needs `to` or exactly one chat selector" })
  .refine((p) => Boolean(p.text) || Boolean(p.file), { message: "send needs text or file" });
export const SendResult = z.object({
  ok: z.boolean(),
  id: z.number().int().optional(),
  guid: z.string().optional(),
});

export const SendStatusParams = z.object({ guid: z.string().min(1) }).strict();
export const SendStatusResult = z.looseObject({
  guid: z.string(),
  send_state: z.enum(["pending", "sent", "delivered", "failed"]),
  /** imsg writes null when it knows no service. */
  service: z.string().nullable().optional(),
  delivered_at: z.string().optional(),
  status_fields: z
    .looseObject({ error: z.number().optional(), date_read: z.string().nullable().optional() })
    .nullable()
    .optional(),
});

/** Listed in `status.methods` on macOS even without the bridge. */
export const TypingParams = z
  .object({ ...ChatTarget, typing: z.boolean().optional() })
  .strict()
  .refine(oneTarget, { message: "typing needs `to` or exactly one chat selector" });
export const ReadParams = z
  .object(ChatTarget)
  .strict()
  .refine(oneTarget, { message: "read needs `to` or exactly one chat selector" });
const OkResult = z.looseObject({ ok: z.boolean().optional() });

export const imsgMethods = {
  initialize: { params: InitializeParams, result: ImsgStatusSchema },
  "chats.list": { params: ChatsListParams, result: ChatsListResult },
  "messages.history": { params: HistoryParams, result: HistoryResult },
  "messages.after": { params: MessagesAfterParams, result: MessagesAfterResult },
  "watch.subscribe": { params: WatchSubscribeParams, result: WatchSubscribeResult },
  "watch.unsubscribe": { params: WatchUnsubscribeParams, result: WatchUnsubscribeResult },
  send: { params: SendParams, result: SendResult },
  "message.send_status": { params: SendStatusParams, result: SendStatusResult },
  typing: { params: TypingParams, result: OkResult },
  read: { params: ReadParams, result: OkResult },
} satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;
export type ImsgMethod = keyof typeof imsgMethods;
export type ImsgParams<M extends ImsgMethod> = z.input<(typeof imsgMethods)[M]["params"]>;
export type ImsgResult<M extends ImsgMethod> = z.output<(typeof imsgMethods)[M]["result"]>;
