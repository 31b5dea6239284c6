/**
 * One side of a case (申请人 or 被申请人) on the registration form: an entry per party, each a
 * person or an organisation, with a headcount so 47 employees can be one entry.
 */
import { useTranslation } from 'react-i18next';
import type { FieldErrors, PartyInput } from '../../../core/mediation';
import { ID_TYPES, type IdType } from '../../../core/schema';
import { FormField } from './FormField';

function PartyFields({ party, index, label, errors, onChange, onRemove }: {
  party: PartyInput;
  /** Its place among all parties, which the field errors are keyed by. */
  index: number;
  label: string;
  errors: FieldErrors;
  onChange: (patch: Partial<PartyInput>) => void;
  /** Absent while it is the side's only entry. */
  onRemove?: () => void;
}) {
  const { t } = useTranslation('mediation');
  return (
    <div className="med-party" role="group" aria-label={label}>
      <FormField label={t('register.kind.person') + ' / ' + t('register.kind.organisation')}>
        <select value={party.kind} onChange={(e) => onChange({ kind: e.target.value as PartyInput['kind'] })}>
          <option value="person">{t('register.kind.person')}</option>
          <option value="organisation">{t('register.kind.organisation')}</option>
        </select>
      </FormField>
      <FormField label={t('register.name')} error={errors[`parties.${index}.name`]}>
        <input value={party.name} autoComplete="off" onChange={(e) => onChange({ name: e.target.value })} />
      </FormField>
      {party.kind === 'person' ? (
        <>
          <FormField label={t('documentType.label')}>
            <select value={party.idType ?? 'residentId'} onChange={(e) => onChange({ idType: e.target.value as IdType })}>
              {ID_TYPES.map((type) => <option key={type} value={type}>{t(`documentType.${type}`)}</option>)}
            </select>
          </FormField>
          <FormField label={(party.idType ?? 'residentId') === 'residentId' ? t('register.idNumber') : t('documentType.number')} error={errors[`parties.${index}.idNumber`]}>
            <input className="mono" value={party.idNumber} maxLength={34} autoComplete="off" onChange={(e) => onChange({ idNumber: e.target.value })} />
          </FormField>
        </>
      ) : (
        <>
          <div aria-hidden="true" />
          <FormField label={t('register.creditCode')} error={errors[`parties.${index}.creditCode`]}>
            <input className="mono" value={party.creditCode} maxLength={22} autoComplete="off" onChange={(e) => onChange({ creditCode: e.target.value })} />
          </FormField>
        </>
      )}
      <FormField label={t('register.phone')} error={errors[`parties.${index}.phone`]}>
        <input value={party.phone} inputMode="tel" autoComplete="off" onChange={(e) => onChange({ phone: e.target.value })} />
      </FormField>
      <FormField label={t('register.headcount')} error={errors[`parties.${index}.headcount`]}>
        <input value={party.headcount} inputMode="numeric" placeholder="1" onChange={(e) => onChange({ headcount: e.target.value })} />
      </FormField>
      <FormField label={t('register.address')} wide>
        <input value={party.address} autoComplete="off" onChange={(e) => onChange({ address: e.target.value })} />
      </FormField>
      {onRemove ? (
        <button type="button" className="med-button med-button--quiet" onClick={onRemove}>{t('register.removeParty')}</button>
      ) : null}
    </div>
  );
}

export function PartySide({ side, title, parties, errors, onChange, onAdd, onRemove }: {
  side: PartyInput['side'];
  title: string;
  /** Both sides' parties, in form order. */
  parties: readonly PartyInput[];
  errors: FieldErrors;
  onChange: (index: number, patch: Partial<PartyInput>) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}) {
  const { t } = useTranslation('mediation');
  return (
    <fieldset className="panel panel--padded med-parties">
      <legend className="panel__title">{title}</legend>
      {parties.map((party, index) =>
        party.side !== side ? null : (
          <PartyFields
            key={index}
            party={party}
            index={index}
            label={`${title} ${parties.slice(0, index + 1).filter((p) => p.side === side).length}`}
            errors={errors}
            onChange={(patch) => onChange(index, patch)}
            onRemove={parties.filter((p) => p.side === side).length > 1 ? () => onRemove(index) : undefined}
          />
        ),
      )}
      <p className="med-field__hint">{t('register.headcountHint')}</p>
      <button type="button" className="med-button" onClick={onAdd}>{t('register.addParty')}（{title}）</button>
    </fieldset>
  );
}
