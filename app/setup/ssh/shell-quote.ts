/**
 * One POSIX shell word for any string: single quotes, with each `'` written
 * as `'\''`. Nothing inside single quotes is special to sh, bash or zsh.
 */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./=@:+-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
