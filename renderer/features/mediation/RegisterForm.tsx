/**
 * 受理登记: parties on both sides (a side of 47 employees can be one entry with a headcount, or
 * many entries), dispute type, source, figures, summary, mediators and the work order it came
 * from. Problems show under each field in Chinese; nothing typed is lost when one is refused.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { registerCase, validateRegistration, type FieldErrors, type PartyInput, type RegistrationInput } from '../../../core/mediation';
import { keyOfId, type StaffDoc, type TicketDoc } from '../../../core/schema';
import { useDatabase, useSession } from '../../data/session';
import { useLiveList } from '../../data/useLiveList';
import { useUnsavedChanges } from '../../data/unsavedForms';
import { CaseFields } from './CaseFields';
import { messageOf, useCaseWriter } from './caseWriter';
import { hrefOfView } from './mediationRoute';
import { PartySide } from './PartyFields';

const emptyParty = (side: PartyInput['side'], kind: PartyInput['kind'] = 'person'): PartyInput => ({ side, kind, name: '', idNumber: '', creditCode: '', phone: '', address: '', headcount: '' });

function emptyForm(): RegistrationInput {
  return { parties: [emptyParty('applicant'), emptyParty('respondent')], disputeType: '', source: '', summary: '', peopleInvolved: '', amountInvolved: '', mediatorStaffIds: [], ticketId: '' };
}

export function RegisterForm() {
  const { t } = useTranslation('mediation');
  const db = useDatabase();
  const { station } = useSession();
  const writer = useCaseWriter();
  const [form, setForm] = useState<RegistrationInput>(emptyForm);
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Registering opens the new case, which closes this form (and so clears it).
  useUnsavedChanges(form);
  const { rows: staff } = useLiveList<StaffDoc>(db.staff, { selector: { roles: { $in: ['mediator', 'gridHead'] } }, sort: [{ id: 'asc' }] });
  const { rows: tickets } = useLiveList<TicketDoc>(db.tickets, { selector: {}, sort: [{ reportedAt: 'desc' }] });

  // Messages appear after the first submit and then follow every keystroke.
  const errors: FieldErrors = useMemo(() => {
    if (!tried) return {};
    const checked = validateRegistration(form);
    return checked.ok ? {} : checked.errors;
  }, [form, tried]);

  const setParty = (index: number, patch: Partial<PartyInput>) =>
    setForm((f) => ({ ...f, parties: f.parties.map((p, i) => (i === index ? { ...p, ...patch } : p)) }));
  const addParty = (side: PartyInput['side']) => setForm((f) => ({ ...f, parties: [...f.parties, emptyParty(side)] }));
  const removeParty = (index: number) => setForm((f) => ({ ...f, parties: f.parties.filter((_, i) => i !== index) }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    setFailure(null);
    if (!validateRegistration(form).ok) return;
    setSaving(true);
    try {
      const { cases } = await writer.numbers();
      const change = registerCase({ ...form, ticketId: form.ticketId || undefined }, { stationCode: station.stationCode, actor: writer.actor, existingNumbers: cases });
      await writer.create(change);
      window.location.hash = hrefOfView({ view: 'case', key: keyOfId(change.doc.id) });
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setSaving(false);
    }
  }

  const sides = [
    ['applicant', t('register.applicants')],
    ['respondent', t('register.respondents')],
  ] as const;

  const update = (patch: Partial<RegistrationInput>) => setForm({ ...form, ...patch });

  return (
    <form className="med-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('register.title')}>
      {sides.map(([side, title]) => (
        <PartySide key={side} side={side} title={title} parties={form.parties} errors={errors} onChange={setParty} onAdd={() => addParty(side)} onRemove={removeParty} />
      ))}
      {errors.parties ? <p className="med-field__error" role="alert">{errors.parties}</p> : null}

      <CaseFields form={form} onChange={update} errors={errors} tickets={tickets ?? []} mediators={(staff ?? []).filter((s) => s.ownerCode === station.stationCode)} />

      {tried && Object.keys(errors).length > 0 ? <p className="med-banner med-banner--error" role="alert">{t('problem.invalidInput', { count: Object.keys(errors).length })}</p> : null}
      {failure ? <p className="med-banner med-banner--error" role="alert">{failure}</p> : null}
      <div className="med-actions">
        <a className="med-button med-button--quiet" href={hrefOfView({ view: 'list' })}>{t('register.cancel')}</a>
        <button type="submit" className="med-button med-button--primary" disabled={saving}>{t('register.submit')}</button>
      </div>
    </form>
  );
}
