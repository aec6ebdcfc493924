import { randomInt } from "node:crypto";

/** No 0/O or 1/I: codes are read aloud and typed from a phone screen. */
export const PAIRING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const PAIRING_CODE_LENGTH = 8;

/** Draws a pairing code from the CSPRNG (crypto.randomInt is unbiased). */
export function generatePairingCode(): string {
  let code = "";
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return code;
}

/** Codes are matched case-insensitively, ignoring spaces and dashes people add when typing. */
export function normalizePairingCode(input: string): string {
  return input.replace(/[\s-]/g, "").toUpperCase();
}
