/**
 * What an ssh or scp failure means for the user, read from OpenSSH's own
 * stderr. Each kind has a message and the fix; a changed host key is the
 * one that must stop everything, since it may be someone in the middle.
 */
import { SHARING_SETTINGS_LINKS } from "./remote-login-links.ts";

export type SshFailureKind =
  | "host-key-changed"
  | "host-key-unknown"
  | "key-refused"
  | "key-unusable"
  | "connection-refused"
  | "timeout"
  | "unknown-host"
  | "other";

export interface SshFailure {
  kind: SshFailureKind;
  message: string;
  fix: string;
  links?: readonly string[];
}

export function classifySshFailure(stderr: string, destination: string): SshFailure {
  const text = stderr.toLowerCase();
  if (
    text.includes("remote host identification has changed") ||
    (text.includes("host key for") && text.includes("has changed"))
  ) {
    return {
      kind: "host-key-changed",
      message: `the host key of ${destination} has CHANGED since you confirmed it; Pinch refuses to connect (this can mean someone is intercepting the connection, or that Mac was reinstalled)`,
      fix: "if you know why the key changed (reinstall, new Mac), run the SSH setup again and compare the new fingerprint with the one that Mac shows; otherwise do not connect",
    };
  }
  if (
    text.includes("host key verification failed") ||
    (text.includes("no ") && text.includes("host key is known"))
  ) {
    return {
      kind: "host-key-unknown",
      message: `the host key of ${destination} is not in Pinch's known_hosts`,
      fix: "run the SSH setup's host-key step and confirm the fingerprint",
    };
  }
  if (
    text.includes("unprotected private key") ||
    text.includes("bad permissions") ||
    text.includes("load key") ||
    text.includes("no such identity")
  ) {
    return {
      kind: "key-unusable",
      message: `ssh could not use Pinch's key: ${firstLine(stderr)}`,
      fix: "run the SSH setup again to recreate the key (mode 0600)",
    };
  }
  if (text.includes("permission denied")) {
    return {
      kind: "key-refused",
      message: `${destination} refused Pinch's key (${firstLine(stderr)})`,
      fix: "install the public key for that user with the command the setup shows, then try again",
    };
  }
  if (text.includes("connection refused")) {
    return {
      kind: "connection-refused",
      message: `${destination} refused the connection: Remote Login is off or the port is wrong`,
      fix: "turn on Remote Login: System Settings → General → Sharing → Remote Login",
      links: SHARING_SETTINGS_LINKS,
    };
  }
  if (
    text.includes("timed out") ||
    text.includes("no route to host") ||
    text.includes("network is unreachable")
  ) {
    return {
      kind: "timeout",
      message: `${destination} did not answer (${firstLine(stderr)})`,
      fix: "check that the Mac is awake, on the network, and has Remote Login on",
      links: SHARING_SETTINGS_LINKS,
    };
  }
  if (text.includes("could not resolve hostname") || text.includes("name or service not known")) {
    return {
      kind: "unknown-host",
      message: `the host name of ${destination} does not resolve`,
      fix: "check the host name",
    };
  }
  return {
    kind: "other",
    message: `ssh to ${destination} failed: ${firstLine(stderr) || "no error text"}`,
    fix: `try \`ssh ${destination} true\` in Terminal to see the full error`,
  };
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line !== "" && !/^@+$/.test(line) && !line.startsWith("@@@")) ?? ""
  );
}
