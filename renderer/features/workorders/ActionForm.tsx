/**
 * The form of one step on an order: only the details that step needs (a reason, a dispatch
 * target, hours, a verdict, photos …). The station then checks it against the state machine and
 * the write rules; a refusal is shown here, in Chinese, and nothing is stored.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItemDoc, StaffDoc, TicketDoc } from '../../../core/schema';
import { performAction, type ActionInput } from '../../../core/workorders/commands';
import { ActionRefusedError, MAX_PHOTOS_PER_ACTION, type WorkorderAction } from '../../../core/workorders/stateMachine';
import { useDatabase } from '../../data/session';
import { useAllDocs } from '../../data/useAllDocs';
import { AssigneeField, DepartmentChecks, SatisfactionChoice, VerifyChoice, type AssigneeKind } from './ActionFields';
import { CatalogPicker } from './CatalogPicker';
import { PhotoPicker } from './Photos';
import { missingMessage, RequiredMark } from './RequiredMark';
import { useWorkorderSession } from './useWorkorderSession';
import { useNames } from '../../data/names';
import { useUnsavedChanges } from '../../data/unsavedForms';

/** Steps whose reason is required (the machine says so too; the form marks the field). */
const NEEDS_NOTE: readonly WorkorderAction[] = ['void', 'escalate', 'return', 'requestExtension', 'rejectExtension', 'feedback', 'longStanding', 'resume', 'selfHandle'];
const HAS_PHOTOS: readonly WorkorderAction[] = ['feedback', 'verify', 'handle', 'selfHandle'];

/** What the form holds, whichever step it is for. */
interface ActionValues {
  note: string;
  photoIds: string[];
  item: CatalogItemDoc | null;
  assigneeKind: AssigneeKind;
  assignee: string;
  departments: string[];
  hours: number;
  passed: boolean;
  satisfaction: string;
}

/** The step as the state machine takes it: the note and photos, and the details this step needs. */
function actionInput(action: WorkorderAction, values: ActionValues): ActionInput {
  const { item, assignee, assigneeKind } = values;
  const base: ActionInput = { action, note: values.note.trim() || undefined, photoIds: values.photoIds.length > 0 ? values.photoIds : undefined };
  switch (action) {
    case 'file':
      return { ...base, payload: item ? { catalogItemCode: item.code, departmentCode: item.departmentCode, timeLimitHours: item.timeLimitHours } : {} };
    case 'dispatch':
      return { ...base, payload: assignee ? { assignee, ...(assigneeKind === 'department' ? { departmentCode: assignee } : {}) } : {} };
    case 'joint':
      return { ...base, payload: { departments: values.departments } };
    case 'requestExtension':
    case 'extend':
      return { ...base, payload: { hours: values.hours } };
    case 'verify':
      return { ...base, payload: { passed: values.passed } };
    case 'evaluate':
      return { ...base, payload: { satisfaction: values.satisfaction } };
    default:
      return base;
  }
}

export function ActionForm({ action, ticket, pendingHours, onDone, onCancel }: {
  action: WorkorderAction;
  ticket: TicketDoc;
  pendingHours?: number;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('workorders');
  const db = useDatabase();
  const session = useWorkorderSession();
  const names = useNames();
  const staff = useAllDocs<StaffDoc>(db.staff, 'id');
  const [note, setNote] = useState('');
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  // undefined: the item the order was reported under (the catalog may still be loading).
  const [pickedItem, setItem] = useState<CatalogItemDoc | null | undefined>(undefined);
  const item = pickedItem === undefined ? (names.catalogItems.find((c) => c.code === ticket.catalogItemCode) ?? null) : pickedItem;
  const [assigneeKind, setAssigneeKind] = useState<AssigneeKind>(session.actor.unit.length === 12 ? 'staff' : 'department');
  const [assignee, setAssignee] = useState('');
  const [departments, setDepartments] = useState<string[]>(ticket.departmentCode ? [ticket.departmentCode] : []);
  const [hours, setHours] = useState(pendingHours ?? 8);
  const [passed, setPassed] = useState(true);
  const [satisfaction, setSatisfaction] = useState<string>('satisfied');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A done step closes the form (and so clears it).
  useUnsavedChanges({ note, photoIds, item: pickedItem === undefined ? undefined : (pickedItem?.code ?? null), assigneeKind, assignee, departments, hours, passed, satisfaction });

  const localStaff = useMemo(() => (staff ?? []).filter((s) => s.ownerCode.startsWith(session.actor.unit) || session.actor.unit.startsWith(s.ownerCode)), [staff, session.actor.unit]);

  const noteRequired = NEEDS_NOTE.includes(action) || (action === 'verify' && !passed);
  // Every required detail left empty, named together, before the state machine sees the step.
  const missingFields = [
    ...(action === 'file' && !item ? [t('fields.catalogItem')] : []),
    ...(action === 'dispatch' && !assignee ? [t('fields.assignee')] : []),
    ...(noteRequired && !note.trim() ? [t('fields.note')] : []),
  ];
  const [showMissing, setShowMissing] = useState(false);

  const submit = async () => {
    const absent = missingMessage(t, missingFields);
    setShowMissing(absent !== null);
    if (absent) return setError(absent);
    setBusy(true);
    setError(null);
    try {
      await performAction(session.store, ticket.id, actionInput(action, { note, photoIds, item, assigneeKind, assignee, departments, hours, passed, satisfaction }), session.actor, { calendar: session.calendar });
      onDone(t('detail.done', { action: t(`actions.${action}`) }));
    } catch (caught) {
      // The machine and the rules speak in unit codes (they run where no name is known).
      setError(names.inText(caught instanceof ActionRefusedError || caught instanceof Error ? caught.message : String(caught)));
    } finally {
      setBusy(false);
    }
  };

  const label = t(`actions.${action}`);
  return (
    <form className="wo-action-form" noValidate aria-label={label} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{label}</h3>
      {action === 'file' ? (
        <div className="wo-field"><span>{t('fields.catalogItem')}<RequiredMark /></span><CatalogPicker items={names.catalogItems} value={item} onPick={setItem} departmentName={names.department} /></div>
      ) : null}
      {action === 'dispatch' ? (
        <AssigneeField
          kind={assigneeKind}
          value={assignee}
          invalid={showMissing && !assignee}
          staff={localStaff}
          departments={names.departments}
          onKind={(kind) => { setAssigneeKind(kind); setAssignee(''); }}
          onChange={setAssignee}
        />
      ) : null}
      {action === 'joint' ? <DepartmentChecks departments={names.departments} value={departments} onChange={setDepartments} /> : null}
      {action === 'requestExtension' || action === 'extend' ? (
        <label className="wo-field"><span>{t('fields.hours')}<RequiredMark /></span><input type="number" className="wo-input" required min={1} max={2000} value={hours} onChange={(e) => setHours(Number(e.target.value))} /></label>
      ) : null}
      {action === 'verify' ? <VerifyChoice passed={passed} onChange={setPassed} /> : null}
      {action === 'evaluate' ? <SatisfactionChoice value={satisfaction} onChange={setSatisfaction} /> : null}
      {HAS_PHOTOS.includes(action) ? (
        <div className="wo-field"><span>{t('fields.photos')}</span><PhotoPicker photos={session.photos} value={photoIds} onChange={setPhotoIds} max={MAX_PHOTOS_PER_ACTION} scope={ticket.scope} by={session.actor.name} onError={setError} /></div>
      ) : null}
      <label className="wo-field">
        <span>{t('fields.note')}<RequiredMark when={noteRequired} /></span>
        <textarea className="wo-input" rows={3} required={noteRequired} aria-invalid={showMissing && noteRequired && !note.trim() ? true : undefined} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error ? <p className="wo-error" role="alert">{error}</p> : null}
      <div className="wo-form-actions">
        <button type="button" className="wo-button" onClick={onCancel}>{t('detail.cancel')}</button>
        <button type="submit" className="wo-button wo-button--primary" disabled={busy}>{label}</button>
      </div>
    </form>
  );
}
