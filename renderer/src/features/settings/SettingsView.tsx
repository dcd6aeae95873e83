// Workspace settings: what "verified" means here (this workspace's own signing key, the signers it trusts),
// the approved regions the region checks judge against, and a check of its audit log.
import { useCall } from '../../lib/use-call';
import { AddSignerForm } from './AddSignerForm';
import { ApprovedRegionsSection } from './ApprovedRegionsSection';
import { AuditEntriesSection } from './AuditEntriesSection';
import { AuditLogSection } from './AuditLogSection';
import { ExceptionMaxDaysSection } from './ExceptionMaxDaysSection';
import { PeopleSection } from './PeopleSection';
import { PolicySection } from './PolicySection';
import { SigningKeySection } from './SigningKeySection';
import { TrustedSignersSection } from './TrustedSignersSection';

export function SettingsView() {
  const keys = useCall('keys.list', {});
  return (
    <section className="view" aria-labelledby="settings-heading">
      <header className="view__header">
        <h1 id="settings-heading">Settings</h1>
      </header>
      <SigningKeySection own={keys.data?.own ?? null} />
      <TrustedSignersSection
        signers={keys.data?.signers ?? null}
        ownFingerprint={keys.data?.own.fingerprint ?? null}
        onChanged={keys.reload}
      />
      <AddSignerForm onAdded={keys.reload} />
      <ApprovedRegionsSection />
      <PeopleSection />
      <ExceptionMaxDaysSection />
      <PolicySection />
      <AuditLogSection />
      <AuditEntriesSection />
    </section>
  );
}
