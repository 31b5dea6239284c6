/** The case itself on the registration form: dispute type, source, figures, summary, the work order it came from and its mediators. */
import { useTranslation } from 'react-i18next';
import type { FieldErrors, RegistrationInput } from '../../../core/mediation';
import { CASE_SOURCES, DISPUTE_TYPES, type StaffDoc, type TicketDoc } from '../../../core/schema';
import { FormField } from './FormField';

export function CaseFields({ form, onChange, errors, tickets, mediators }: {
  form: RegistrationInput;
  onChange: (patch: Partial<RegistrationInput>) => void;
  errors: FieldErrors;
  tickets: readonly TicketDoc[];
  /** The station's own staff who may mediate. */
  mediators: readonly StaffDoc[];
}) {
  const { t } = useTranslation('mediation');
  return (
    <div className="panel panel--padded med-grid">
      <FormField label={t('register.disputeType')} error={errors.disputeType}>
        <select value={form.disputeType} onChange={(e) => onChange({ disputeType: e.target.value })}>
          <option value="">{t('register.choose')}</option>
          {DISPUTE_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
        </select>
      </FormField>
      <FormField label={t('register.source')} error={errors.source}>
        <select value={form.source} onChange={(e) => onChange({ source: e.target.value })}>
          <option value="">{t('register.choose')}</option>
          {CASE_SOURCES.map((source) => <option key={source} value={source}>{t(`app:mediation.sources.${source}`)}</option>)}
        </select>
      </FormField>
      <FormField label={t('register.peopleInvolved')} error={errors.peopleInvolved}>
        <input value={form.peopleInvolved} inputMode="numeric" onChange={(e) => onChange({ peopleInvolved: e.target.value })} />
      </FormField>
      <FormField label={t('register.amountInvolved')} error={errors.amountInvolved}>
        <input value={form.amountInvolved} inputMode="decimal" onChange={(e) => onChange({ amountInvolved: e.target.value })} />
      </FormField>
      <FormField label={t('register.summary')} error={errors.summary} wide>
        <textarea rows={4} value={form.summary} onChange={(e) => onChange({ summary: e.target.value })} />
      </FormField>
      <FormField label={t('register.ticket')}>
        <select value={form.ticketId} onChange={(e) => onChange({ ticketId: e.target.value })}>
          <option value="">{t('register.ticketNone')}</option>
          {tickets.map((ticket) => (
            <option key={ticket.id} value={ticket.id}>{`${ticket.number} ${ticket.description.slice(0, 24)}`}</option>
          ))}
        </select>
      </FormField>
      <fieldset className="med-field med-field--wide med-checks">
        <legend>{t('register.mediators')}</legend>
        {mediators.map((person) => (
          <label key={person.id} className="med-check">
            <input
              type="checkbox"
              checked={form.mediatorStaffIds?.includes(person.staffId) ?? false}
              onChange={(e) => onChange({ mediatorStaffIds: e.target.checked ? [...(form.mediatorStaffIds ?? []), person.staffId] : (form.mediatorStaffIds ?? []).filter((id) => id !== person.staffId) })}
            />
            {person.name}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
