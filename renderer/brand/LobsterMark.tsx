import lobsterUrl from "../../resources/lobster.svg";

/** The Pinch lobster, decorative: the text next to it carries the name. */
export function LobsterMark({ size }: { size: number }) {
  return (
    <img className="lobster-mark" src={lobsterUrl} alt="" width={size} height={size} draggable={false} />
  );
}
