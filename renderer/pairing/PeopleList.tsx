import { useDeferredValue, useState } from "react";
import type { AccountView, PairingOverview } from "../../app/ipc/view-schemas.ts";
import { useOwnHandles } from "../allowlists/use-own-handles.ts";
import { useConfigEdit, usePairingActions } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { describeSource, type Person, peopleWhoCanMessage } from "./people.ts";

type AccountPairing = PairingOverview["accounts"][number];

// Beyond this many, the list shows a filtered page: a thousand rows stay quick, ten thousand would not.
const MAX_ROWS = 300;

/** Everyone the assistant answers in direct messages, whether pairing approved them or they are on the list. */
export function PeopleList({
  pairing,
  account,
  title,
  onSaved,
}: {
  pairing: AccountPairing;
  account: AccountView | undefined;
  title: string;
  onSaved: () => void;
}) {
  const actions = usePairingActions();
  const edit = useConfigEdit(onSaved);
  const own = useOwnHandles(pairing.accountId);
  const [filter, setFilter] = useState("");
  const deferred = useDeferredValue(filter.trim().toLowerCase());
  const headingId = `people-${pairing.accountId}`;
  const people = peopleWhoCanMessage(pairing.approved, account?.allowFrom ?? []);
  const matching =
    deferred === ""
      ? people
      : people.filter((person) => `${person.name ?? ""} ${person.handle}`.toLowerCase().includes(deferred));
  const shown = matching.slice(0, MAX_ROWS);
  const listField = `allowFrom-${pairing.accountId}`;

  const remove = async (person: Person) => {
    if (person.pairingKey !== undefined) {
      await actions.remove({ accountId: pairing.accountId, key: person.pairingKey });
    }
    if (person.listEntry !== undefined && account) {
      await edit.save(listField, {
        keyPath: `${account.configPath}.allowFrom`,
        value: account.allowFrom.filter((entry) => entry !== person.listEntry),
      });
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="group-title">
        {title}
      </h2>
      <p className="section-lead">
        The people you approved here and the people on your list (Allowlists) can message the assistant.
      </p>
      <div className="toolbar-row approved-tools">
        <input
          className="input"
          type="search"
          aria-label={`Find a person${pairing.accountId === "default" ? "" : ` (${pairing.accountId})`}`}
          placeholder="Find a person"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className="row-detail" role="status">
          {matching.length === people.length
            ? `${people.length} ${people.length === 1 ? "person" : "people"}`
            : `${matching.length} of ${people.length} people`}
          {matching.length > shown.length ? `, showing the first ${shown.length}` : ""}
        </span>
      </div>
      <ul className="group approved-list" aria-label={title}>
        {shown.length === 0 ? <li className="row row-detail">Nobody yet.</li> : null}
        {shown.map((person) => (
          <PersonRow
            key={person.handle}
            person={person}
            isOwn={own.has(person.handle)}
            onRemove={() => void remove(person)}
          />
        ))}
      </ul>
      <p className="field-error" role="alert">
        {edit.errorFor(listField) ?? ""}
      </p>
    </section>
  );
}

/**
 * One person and Remove, which asks first: a pairing approval cannot be undone here (they would need a
 * new code), and the owner's own number or email, marked "you", is how the assistant knows them.
 */
function PersonRow({ person, isOwn, onRemove }: { person: Person; isOwn: boolean; onRemove: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const shownHandle = person.handle === "*" ? "Everyone (*)" : person.handle;
  return (
    <li className="row">
      <span className="row-main">
        {person.name ? <span className="sender-name">{person.name} </span> : null}
        <span className="mono">{shownHandle}</span>
        {isOwn ? <span className="badge handle-you">you</span> : null}
        {confirming ? (
          <span className="field-error person-remove-warning" role="alert">
            {isOwn
              ? "This is your own number or email. Without it, the assistant may no longer answer you."
              : person.pairingKey !== undefined
                ? "They will need a new pairing code to message the assistant again."
                : "The assistant will stop answering them."}
          </span>
        ) : null}
      </span>
      <span className="row-detail">{describeSource(person)}</span>
      {confirming ? (
        <div className="row-actions">
          <Button onClick={() => setConfirming(false)}>Keep</Button>
          <Button variant="danger" aria-label={`Remove ${person.handle} for good`} onClick={onRemove}>
            Remove
          </Button>
        </div>
      ) : (
        <Button variant="danger" aria-label={`Remove ${person.handle}`} onClick={() => setConfirming(true)}>
          Remove
        </Button>
      )}
    </li>
  );
}
