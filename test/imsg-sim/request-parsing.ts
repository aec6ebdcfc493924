/**
 * Reading one request line, as each imsg does: what it accepts, the errors
 * (and ids) it answers with, and whether it answers at all.
 */
import { invalidParams, invalidRequest, NOT_JSON_DETAIL, parseError, type RpcFailure } from "./rpc-errors.ts";
import type { Params } from "./rpc-params.ts";

export interface ParsedRequest {
  /** undefined for a notification (no `id` key); `null` is an id like any other. */
  id: unknown;
  method: string;
  params: Params;
}

export interface ParseFailure {
  id: unknown;
  failure: RpcFailure;
  /** Protocol 1 stays silent about bad params of a notification. */
  respond: boolean;
  /** Known when only the params were wrong. */
  method?: string;
}

type JsonObjectLine = { object: Record<string, unknown> } | { failure: ParseFailure };

function parseJsonObject(line: string): JsonObjectLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { failure: { id: undefined, failure: parseError(NOT_JSON_DETAIL), respond: true } };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return {
      failure: { id: undefined, failure: invalidRequest("request must be an object"), respond: true },
    };
  }
  return { object: json as Record<string, unknown> };
}

/** imsg 0.9: `jsonrpc` may be absent, and params that are not an object are read as none. */
export function parseLegacyRequest(line: string): ParsedRequest | ParseFailure {
  const read = parseJsonObject(line);
  if ("failure" in read) return read.failure;
  const request = read.object;
  if (typeof request.jsonrpc === "string" && request.jsonrpc !== "2.0") {
    return { id: request.id, failure: invalidRequest("jsonrpc must be 2.0"), respond: true };
  }
  if (typeof request.method !== "string" || request.method === "") {
    return { id: request.id, failure: invalidRequest("method is required"), respond: true };
  }
  const params = request.params;
  const isObject = typeof params === "object" && params !== null && !Array.isArray(params);
  return { id: request.id, method: request.method, params: isObject ? (params as Params) : {} };
}

/** Protocol 1: `jsonrpc` must be exactly "2.0", the id a string, number or null, params an object or absent. */
export function parseProtocol1Request(line: string): ParsedRequest | ParseFailure {
  const read = parseJsonObject(line);
  if ("failure" in read) return read.failure;
  const request = read.object;
  const hasId = Object.hasOwn(request, "id");
  const id = request.id;
  if (hasId && !(id === null || typeof id === "string" || typeof id === "number")) {
    return { id: undefined, failure: invalidRequest("id must be a string, number, or null"), respond: true };
  }
  const answerId = hasId ? id : undefined;
  if (request.jsonrpc !== "2.0") {
    return { id: answerId, failure: invalidRequest("jsonrpc must be exactly 2.0"), respond: true };
  }
  if (typeof request.method !== "string" || request.method === "") {
    return { id: answerId, failure: invalidRequest("method is required"), respond: true };
  }
  const params = request.params;
  if (params === undefined) return { id: answerId, method: request.method, params: {} };
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    const failure = invalidParams("params must be an object when present");
    return { id: answerId, failure, respond: hasId, method: request.method };
  }
  return { id: answerId, method: request.method, params: params as Params };
}

export function isParseFailure(parsed: ParsedRequest | ParseFailure): parsed is ParseFailure {
  return "failure" in parsed;
}
