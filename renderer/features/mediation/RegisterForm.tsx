/**
 * 受理登记: parties on both sides (a side of 47 employees can be one entry with a headcount, or
 * many entries), dispute type, source, figures, summary, mediators and the work order it came
 * from. Problems show under each field in Chinese; nothing typed is lost when one is refused.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { registerCase, validateRegistration, type FieldErrors, type PartyInput, type RegistrationInput } from '../../../core/mediation';
import { CASE_SOURCES, DISPUTE_TYPES, keyOfId, type StaffDoc, type TicketDoc } from '../../../core/schema';
import { useDatabase, useSession } from '../../data/session';
import { useLiveList } from '../../data/useLiveList';
import { messageOf, useCaseWriter } from './caseWriter';
import { FormField } from './FormField';
import { hrefOfView } from './mediationRoute';

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

  return (
    <form className="med-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('register.title')}>
      {sides.map(([side, title]) => (
        <fieldset key={side} className="panel panel--padded med-parties">
          <legend className="panel__title">{title}</legend>
          {form.parties.map((party, index) =>
            party.side !== side ? null : (
              <div key={index} className="med-party" role="group" aria-label={`${title} ${form.parties.slice(0, index + 1).filter((p) => p.side === side).length}`}>
                <FormField label={t('register.kind.person') + ' / ' + t('register.kind.organisation')}>
                  <select value={party.kind} onChange={(e) => setParty(index, { kind: e.target.value as PartyInput['kind'] })}>
                    <option value="person">{t('register.kind.person')}</option>
                    <option value="organisation">{t('register.kind.organisation')}</option>
                  </select>
                </FormField>
                <FormField label={t('register.name')} error={errors[`parties.${index}.name`]}>
                  <input value={party.name} onChange={(e) => setParty(index, { name: e.target.value })} />
                </FormField>
                {party.kind === 'person' ? (
                  <FormField label={t('register.idNumber')} error={errors[`parties.${index}.idNumber`]}>
                    <input className="mono" value={party.idNumber} maxLength={22} autoComplete="off" onChange={(e) => setParty(index, { idNumber: e.target.value })} />
                  </FormField>
                ) : (
                  <FormField label={t('register.creditCode')} error={errors[`parties.${index}.creditCode`]}>
                    <input className="mono" value={party.creditCode} maxLength={22} autoComplete="off" onChange={(e) => setParty(index, { creditCode: e.target.value })} />
                  </FormField>
                )}
                <FormField label={t('register.phone')} error={errors[`parties.${index}.phone`]}>
                  <input value={party.phone} inputMode="tel" onChange={(e) => setParty(index, { phone: e.target.value })} />
                </FormField>
                <FormField label={t('register.headcount')} error={errors[`parties.${index}.headcount`]}>
                  <input value={party.headcount} inputMode="numeric" placeholder="1" onChange={(e) => setParty(index, { headcount: e.target.value })} />
                </FormField>
                <FormField label={t('register.address')} wide>
                  <input value={party.address} onChange={(e) => setParty(index, { address: e.target.value })} />
                </FormField>
                {form.parties.filter((p) => p.side === side).length > 1 ? (
                  <button type="button" className="med-button med-button--quiet" onClick={() => removeParty(index)}>{t('register.removeParty')}</button>
                ) : null}
              </div>
            ),
          )}
          <p className="med-field__hint">{t('register.headcountHint')}</p>
          <button type="button" className="med-button" onClick={() => addParty(side)}>{t('register.addParty')}（{title}）</button>
        </fieldset>
      ))}
      {errors.parties ? <p className="med-field__error" role="alert">{errors.parties}</p> : null}

      <div className="panel panel--padded med-grid">
        <FormField label={t('register.disputeType')} error={errors.disputeType}>
          <select value={form.disputeType} onChange={(e) => setForm({ ...form, disputeType: e.target.value })}>
            <option value="">{t('register.choose')}</option>
            {DISPUTE_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
          </select>
        </FormField>
        <FormField label={t('register.source')} error={errors.source}>
          <select value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value })}>
            <option value="">{t('register.choose')}</option>
            {CASE_SOURCES.map((source) => <option key={source} value={source}>{t(`app:mediation.sources.${source}`)}</option>)}
          </select>
        </FormField>
        <FormField label={t('register.peopleInvolved')} error={errors.peopleInvolved}>
          <input value={form.peopleInvolved} inputMode="numeric" onChange={(e) => setForm({ ...form, peopleInvolved: e.target.value })} />
        </FormField>
        <FormField label={t('register.amountInvolved')} error={errors.amountInvolved}>
          <input value={form.amountInvolved} inputMode="decimal" onChange={(e) => setForm({ ...form, amountInvolved: e.target.value })} />
        </FormField>
        <FormField label={t('register.summary')} error={errors.summary} wide>
          <textarea rows={4} value={form.summary} onChange={(e) => setForm({ ...form, summary: e.target.value })} />
        </FormField>
        <FormField label={t('register.ticket')}>
          <select value={form.ticketId} onChange={(e) => setForm({ ...form, ticketId: e.target.value })}>
            <option value="">{t('register.ticketNone')}</option>
            {(tickets ?? []).map((ticket) => (
              <option key={ticket.id} value={ticket.id}>{`${ticket.number} ${ticket.description.slice(0, 24)}`}</option>
            ))}
          </select>
        </FormField>
        <fieldset className="med-field med-field--wide med-checks">
          <legend>{t('register.mediators')}</legend>
          {(staff ?? []).filter((s) => s.ownerCode === station.stationCode).map((person) => (
            <label key={person.id} className="med-check">
              <input
                type="checkbox"
                checked={form.mediatorStaffIds?.includes(person.staffId) ?? false}
                onChange={(e) => setForm({ ...form, mediatorStaffIds: e.target.checked ? [...(form.mediatorStaffIds ?? []), person.staffId] : (form.mediatorStaffIds ?? []).filter((id) => id !== person.staffId) })}
              />
              {person.name}
            </label>
          ))}
        </fieldset>
      </div>

      {tried && Object.keys(errors).length > 0 ? <p className="med-banner med-banner--error" role="alert">{t('problem.invalidInput', { count: Object.keys(errors).length })}</p> : null}
      {failure ? <p className="med-banner med-banner--error" role="alert">{failure}</p> : null}
      <div className="med-actions">
        <a className="med-button med-button--quiet" href={hrefOfView({ view: 'list' })}>{t('register.cancel')}</a>
        <button type="submit" className="med-button med-button--primary" disabled={saving}>{t('register.submit')}</button>
      </div>
    </form>
  );
}
