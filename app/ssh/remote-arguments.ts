/**
 * ssh joins the words after the host with spaces and the remote user's shell
 * parses the result, so an argument such as a `dbPath` would be split at its
 * spaces and could run `$(…)` as code there. Pinch's wrapper starts with these
 * lines: they rewrite "$@" so each argument is one single-quoted word (each
 * `'` inside written as `'\''`), which the remote shell turns back into
 * exactly that argument. Plain POSIX sh, no external program, so any byte
 * passes through unchanged.
 */
export const QUOTE_ARGUMENTS = [
  "# ssh hands the remote shell one line: single-quote each argument so it arrives as one literal word.",
  'for arg in "$@"; do',
  "  shift",
  "  quoted=",
  "  while :; do",
  "    case $arg in",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansions, not a template
  "      *\\'*) quoted=$quoted${arg%%\\'*}\\'\\\\\\'\\'; arg=${arg#*\\'} ;;",
  "      *) break ;;",
  "    esac",
  "  done",
  `  set -- "$@" "'$quoted$arg'"`,
  "done",
] as const;

/** `lines` (trimmed) without the quoting block, when it is there as written; the wrapper's other lines stay. */
export function withoutArgumentQuoting(lines: readonly string[]): string[] {
  const block = QUOTE_ARGUMENTS.map((line) => line.trim());
  const start = lines.indexOf(block[0] as string);
  if (start === -1) return [...lines];
  const matches = block.every((line, offset) => lines[start + offset] === line);
  return matches ? [...lines.slice(0, start), ...lines.slice(start + block.length)] : [...lines];
}
