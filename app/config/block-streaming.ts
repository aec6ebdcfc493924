/**
 * Block streaming for one account: whether a streamed answer is sent in
 * parts as it is written, and how parts are cut. Pinch reads the reference's
 * flat keys (`blockStreaming`, `blockStreamingCoalesce`) and its nested ones
 * (`streaming.block.enabled`, `streaming.block.coalesce`), the account's own
 * winning over the channel's, the flat spelling over the nested one.
 */
import { z } from "zod";

const CountSchema = z.number().int().nonnegative();

export const BlockStreamingCoalesceSchema = z.looseObject({
  /** A part waits until it holds this many characters (the last part of an answer goes whatever its size). */
  minChars: CountSchema.optional(),
  /** No part is longer (capped at `textChunkLimit`). */
  maxChars: z.number().int().min(1).optional(),
  /** The longest a finished sentence waits for the end of its paragraph, in ms. */
  idleMs: CountSchema.optional(),
});

export const StreamingSchema = z.looseObject({
  block: z
    .looseObject({
      enabled: z.boolean().optional(),
      coalesce: BlockStreamingCoalesceSchema.optional(),
    })
    .optional(),
});

type Coalesce = z.infer<typeof BlockStreamingCoalesceSchema>;

interface BlockStreamingKeys {
  blockStreaming?: boolean | undefined;
  blockStreamingCoalesce?: Coalesce | undefined;
  streaming?: z.infer<typeof StreamingSchema> | undefined;
}

export interface BlockStreaming {
  enabled: boolean;
  minChars: number;
  maxChars: number;
  idleMs: number;
}

/**
 * On by default: a paragraph a person can read now beats a whole answer in
 * ten seconds. A part of 200 characters or more is a real message, not a
 * line of spam; a sentence waits at most 2.5 s for its paragraph.
 */
export const BLOCK_STREAMING_DEFAULTS: BlockStreaming = {
  enabled: true,
  minChars: 200,
  maxChars: 1500,
  idleMs: 2500,
};

export function resolveBlockStreaming(
  own: BlockStreamingKeys,
  channel: BlockStreamingKeys,
  textChunkLimit: number,
): BlockStreaming {
  const enabled = (keys: BlockStreamingKeys) => keys.blockStreaming ?? keys.streaming?.block?.enabled;
  const coalesce = (keys: BlockStreamingKeys) =>
    keys.blockStreamingCoalesce ?? keys.streaming?.block?.coalesce;
  const chosen = coalesce(own) ?? coalesce(channel) ?? {};
  const defaults = BLOCK_STREAMING_DEFAULTS;
  const maxChars = Math.min(chosen.maxChars ?? defaults.maxChars, textChunkLimit);
  return {
    enabled: enabled(own) ?? enabled(channel) ?? defaults.enabled,
    minChars: Math.min(chosen.minChars ?? defaults.minChars, maxChars),
    maxChars,
    idleMs: chosen.idleMs ?? defaults.idleMs,
  };
}
