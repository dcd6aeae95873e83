// The assessments feature: the list, the create form, an assessment's home and its controls. The analyst
// chooses who is acting once, in the header; every action is recorded under that person.
import { useState } from 'react';
import { ActorContext, ActorSelect, useActorState } from './actor';
import { AssessmentHome } from './AssessmentHome';
import { AssessmentList } from './AssessmentList';
import { CreateAssessmentForm } from './CreateAssessmentForm';

type Page =
  { page: 'list' } | { page: 'create' } | { page: 'home'; assessmentId: string; controlId: string | null };

export function AssessmentsView() {
  const actor = useActorState();
  const [page, setPage] = useState<Page>({ page: 'list' });
  return (
    <ActorContext.Provider value={actor}>
      <section className="view" aria-labelledby="assessments-heading">
        <header className="view__header">
          <h1 id="assessments-heading">Assessments</h1>
          <ActorSelect />
        </header>
        {actor.people.length === 0 ? (
          <p className="muted small" data-testid="no-people">
            Nobody can act yet: add people (each gets a signing key) in Settings, or try the demo.
          </p>
        ) : null}
        {page.page === 'list' ? (
          <AssessmentList
            onCreate={() => setPage({ page: 'create' })}
            onOpen={(assessmentId) => setPage({ page: 'home', assessmentId, controlId: null })}
          />
        ) : null}
        {page.page === 'create' ? (
          <CreateAssessmentForm
            onCancel={() => setPage({ page: 'list' })}
            onCreated={(assessmentId) => setPage({ page: 'home', assessmentId, controlId: null })}
          />
        ) : null}
        {page.page === 'home' ? (
          <AssessmentHome
            key={page.assessmentId}
            assessmentId={page.assessmentId}
            controlId={page.controlId}
            onOpenControl={(controlId) => setPage({ ...page, controlId })}
            onBack={() => setPage({ page: 'list' })}
          />
        ) : null}
      </section>
    </ActorContext.Provider>
  );
}
