/** How the command line names an imsg build's protocol and bridge, the same in `pinch doctor` and `pinch status`. */

/** `protocol 1`; a build that answers no `initialize` is `before protocol 1`. */
export function protocolWords(protocol: number): string {
  return protocol > 0 ? `protocol ${protocol}` : "before protocol 1";
}

/** imsg's IMCore bridge, which threaded replies need: on only when imsg says it runs. */
export function bridgeState(ready: boolean): "on" | "off" {
  return ready ? "on" : "off";
}
