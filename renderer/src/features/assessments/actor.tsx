// Who is acting. Every assessment action is audited under a PERSON (docs/assessments.md), not the OS account,
// so the assessments views carry an "acting as" choice. It is kept for the browser tab's session only: a
// shared machine must not silently keep acting as yesterday's reviewer.
import { createContext, useContext, useEffect, useState } from 'react';
import type { Person } from '../../../../shared/domain';
import { useCall } from '../../lib/use-call';

const ACTOR_KEY = 'evidence-desk.actor';

export type Actor = {
  people: Person[];
  /** The person acting, or null when none is chosen (actions are then disabled). */
  actor: Person | null;
  setActorId: (id: string) => void;
  reloadPeople: () => void;
};

export const ActorContext = createContext<Actor>({
  people: [],
  actor: null,
  setActorId: () => {},
  reloadPeople: () => {},
});

export function useActor(): Actor {
  return useContext(ActorContext);
}

export function useActorState(): Actor {
  const people = useCall('people.list', {});
  const [actorId, setActorIdState] = useState<string>(() => sessionStorage.getItem(ACTOR_KEY) ?? '');
  const list = people.data ?? [];
  const actor = list.find((p) => p.id === actorId) ?? null;
  useEffect(() => {
    if (actorId) sessionStorage.setItem(ACTOR_KEY, actorId);
    else sessionStorage.removeItem(ACTOR_KEY);
  }, [actorId]);
  return { people: list, actor, setActorId: setActorIdState, reloadPeople: people.reload };
}

/** The "Acting as" choice shown in the assessments header. */
export function ActorSelect() {
  const { people, actor, setActorId } = useActor();
  return (
    <label className="inline-field">
      <span>Acting as</span>
      <select
        data-testid="actor-select"
        value={actor?.id ?? ''}
        onChange={(e) => setActorId(e.target.value)}
        aria-describedby="actor-help"
      >
        <option value="">— choose a person —</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} &lt;{p.email}&gt;
          </option>
        ))}
      </select>
      <span id="actor-help" className="sr-only">
        Every action is recorded in the audit log under this person.
      </span>
    </label>
  );
}
