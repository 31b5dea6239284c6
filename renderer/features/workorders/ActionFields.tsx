/** The details only some steps ask for: whom to dispatch to, which departments join, a verdict, how satisfied the reporter is. */
import { useTranslation } from 'react-i18next';
import type { DepartmentDoc, StaffDoc } from '../../../core/schema';
import { RequiredMark } from './RequiredMark';
import { SATISFACTION } from '../../../core/workorders/stateMachine';

export type AssigneeKind = 'staff' | 'department';

/** Dispatch: to a person on the roster or to a department. */
export function AssigneeField({ kind, value, invalid, staff, departments, onKind, onChange }: {
  kind: AssigneeKind;
  value: string;
  /** Marked when an empty submit asked for it. */
  invalid?: boolean;
  /** The staff of this unit and the units above and below it. */
  staff: readonly StaffDoc[];
  departments: readonly DepartmentDoc[];
  onKind: (kind: AssigneeKind) => void;
  onChange: (assignee: string) => void;
}) {
  const { t } = useTranslation('workorders');
  return (
    <div className="wo-field">
      <span>{t('fields.assignee')}<RequiredMark /></span>
      <div className="wo-inline">
        <label><input type="radio" checked={kind === 'staff'} onChange={() => onKind('staff')} /> {t('detail.assigneeStaff')}</label>
        <label><input type="radio" checked={kind === 'department'} onChange={() => onKind('department')} /> {t('detail.assigneeDepartment')}</label>
      </div>
      <select className="wo-input" aria-label={t('fields.assignee')} required aria-invalid={invalid || undefined} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {kind === 'staff'
          ? staff.map((s) => <option key={s.staffId} value={s.staffId}>{s.name}（{s.roles.map((r) => t(`app:staff.roleNames.${r}`)).join('、')}）</option>)
          : departments.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
      </select>
    </div>
  );
}

/** Joint handling: the departments that work on the order together. */
export function DepartmentChecks({ departments, value, onChange }: {
  departments: readonly DepartmentDoc[];
  value: readonly string[];
  onChange: (update: (list: string[]) => string[]) => void;
}) {
  const { t } = useTranslation('workorders');
  return (
    <fieldset className="wo-field wo-checks">
      <legend>{t('fields.departments')}</legend>
      {departments.map((d) => (
        <label key={d.code}>
          <input type="checkbox" checked={value.includes(d.code)} onChange={(e) => onChange((list) => (e.target.checked ? [...list, d.code] : list.filter((c) => c !== d.code)))} /> {d.name}
        </label>
      ))}
    </fieldset>
  );
}

/** Verification: passed or not. */
export function VerifyChoice({ passed, onChange }: { passed: boolean; onChange: (passed: boolean) => void }) {
  const { t } = useTranslation('workorders');
  return (
    <div className="wo-field wo-inline" role="radiogroup" aria-label={t('fields.verifyResult')}>
      <label><input type="radio" checked={passed} onChange={() => onChange(true)} /> {t('detail.passed')}</label>
      <label><input type="radio" checked={!passed} onChange={() => onChange(false)} /> {t('detail.failed')}</label>
    </div>
  );
}

/** Evaluation: how satisfied the reporter is. */
export function SatisfactionChoice({ value, onChange }: { value: string; onChange: (satisfaction: string) => void }) {
  const { t } = useTranslation('workorders');
  return (
    <div className="wo-field wo-inline" role="radiogroup" aria-label={t('fields.satisfaction')}>
      {SATISFACTION.map((s) => (
        <label key={s}><input type="radio" checked={value === s} onChange={() => onChange(s)} /> {t(`satisfaction.${s}`)}</label>
      ))}
    </div>
  );
}
