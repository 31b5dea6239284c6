/**
 * 登记工单: a problem from patrol, the 12345 hotline, a citizen, the police or above. The item
 * is found by Chinese or pinyin initials and brings its department and time limit; the grid
 * comes from a pin on the map (or the grid list); up to 9 photos are compressed and stored
 * first. A problem solved on the spot is recorded as 自处置 and closed in the same step.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findGridAt, type LngLat } from '../../../core/geo';
import type { CatalogItemDoc, TicketSource } from '../../../core/schema';
import { scopeOfUnit } from '../../../core/org';
import { createTicket, type TicketDraft } from '../../../core/workorders/commands';
import { ActionRefusedError, MAX_PHOTOS_PER_ACTION } from '../../../core/workorders/stateMachine';
import { Screen } from '../../ui/Screen';
import { useWorkOrderDraft, setWorkOrderDraft } from '../components/workOrderDraft';
import { CatalogPicker } from './CatalogPicker';
import { GridField, ReporterFields, SourceField, type Reporter } from './IntakeFields';
import { IntakeMap } from './IntakeMap';
import { missingMessage, RequiredMark } from './RequiredMark';
import { PhotoPicker } from './Photos';
import { go, hrefOfView } from './useSubRoute';
import { useWorkorderSession } from './useWorkorderSession';
import { useNames } from '../../data/names';
import { useUnsavedChanges } from '../../data/unsavedForms';

interface IntakeValues {
  source: TicketSource;
  item: CatalogItemDoc | null;
  /** The component a registry draft was raised for. */
  componentCode: string | undefined;
  gridCode: string;
  pin: LngLat | null;
  address: string;
  description: string;
  reporter: Reporter;
  photoIds: string[];
  /** What was done, for a problem solved on the spot; null otherwise. */
  selfNote: string | null;
}

/** The order the form describes: text trimmed, what was not given left out. */
function ticketDraft(form: IntakeValues): TicketDraft {
  const { item, pin } = form;
  return {
    source: form.source,
    ...(item ? { catalogItem: { code: item.code, departmentCode: item.departmentCode, timeLimitHours: item.timeLimitHours } } : {}),
    ...(form.componentCode ? { componentCode: form.componentCode } : {}),
    gridCode: form.gridCode,
    ...(pin ? { location: pin } : {}),
    address: form.address.trim(),
    description: form.description.trim(),
    reporterName: form.reporter.name.trim(),
    reporterPhone: form.reporter.phone.trim(),
    priority: form.reporter.priority,
    photoIds: form.photoIds,
    ...(form.selfNote !== null ? { selfHandled: { note: form.selfNote.trim() } } : {}),
  };
}

export function IntakeForm() {
  const { t } = useTranslation(['workorders', 'app']);
  const session = useWorkorderSession();
  const names = useNames();
  const draft = useWorkOrderDraft();
  const [source, setSource] = useState<TicketSource>(draft?.source ?? 'patrol');
  const [item, setItem] = useState<CatalogItemDoc | null>(null);
  const [pin, setPin] = useState<LngLat | null>(draft?.location ?? null);
  const [gridCode, setGridCode] = useState(draft?.gridCode ?? '');
  const [gridHint, setGridHint] = useState<string | null>(null);
  const [address, setAddress] = useState(draft?.address ?? '');
  const [description, setDescription] = useState(draft?.description ?? '');
  const [reporter, setReporter] = useState<Reporter>({ name: '', phone: '', priority: draft?.priority ?? 'normal' });
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [selfHandled, setSelfHandled] = useState(false);
  const [selfNote, setSelfNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Saving opens the new order, which closes this form (and so clears it).
  useUnsavedChanges({ source, item: item?.code ?? null, pin, gridCode, address, description, reporter, photoIds, selfHandled, selfNote });

  // The component registry's draft names its item by code; pick it up once the catalog is here.
  const draftItem = draft?.catalogItemCode ? names.catalogItems.find((c) => c.code === draft.catalogItemCode) ?? null : null;
  const chosenItem = item ?? draftItem;
  const grids = names.grids;
  const gridOptions = useMemo(() => [...grids].sort((a, b) => a.code.localeCompare(b.code)), [grids]);

  const pickAt = (at: LngLat) => {
    setPin(at);
    const found = findGridAt(at, grids);
    if (found.ok) {
      setGridCode(found.grid.code);
      setGridHint(t('workorders:intake.gridPicked', { name: names.grid(found.grid.code) }));
    } else {
      setGridHint(t('workorders:intake.gridOutside'));
    }
  };

  // Every required field left empty, named together: a clerk fixes them in one go.
  const missingFields = (): string[] => [
    ...(!gridCode ? [t('workorders:fields.grid')] : []),
    ...(!description.trim() ? [t('workorders:fields.description')] : []),
    ...(selfHandled && !selfNote.trim() ? [t('workorders:intake.selfHandledNote')] : []),
  ];
  const [showMissing, setShowMissing] = useState(false);
  const invalid = (empty: boolean) => (showMissing && empty ? true : undefined);

  const submit = async () => {
    const absent = missingMessage(t, missingFields());
    setShowMissing(absent !== null);
    if (absent) return setError(absent);
    setBusy(true);
    setError(null);
    try {
      const ticket = await createTicket(
        session.store,
        ticketDraft({ source, item: chosenItem, componentCode: draft?.componentCode, gridCode, pin, address, description, reporter, photoIds, selfNote: selfHandled ? selfNote : null }),
        session.actor,
        { calendar: session.calendar },
      );
      if (draft) setWorkOrderDraft(null);
      go({ view: 'order', id: ticket.id });
    } catch (caught) {
      // The machine and the rules speak in unit codes (they run where no name is known).
      setError(names.inText(caught instanceof ActionRefusedError || caught instanceof Error ? caught.message : String(caught)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('workorders:intake.title')} purpose={t('app:purpose.workorders')} aside={<a className="wo-button" href={hrefOfView({ view: 'inbox' })}>← {t('workorders:detail.back')}</a>}>
      <form className="wo-intake" noValidate aria-label={t('workorders:intake.title')} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="wo-intake__form panel panel--padded">
          {draft?.componentCode ? <p className="wo-done" role="status">{t('workorders:fromComponent.note', { code: draft.componentCode })}</p> : null}
          <p className="wo-required-note">{t('workorders:required.note')}</p>
          <SourceField value={source} onChange={setSource} />
          <div className="wo-field"><span>{t('workorders:fields.catalogItem')}</span><CatalogPicker items={names.catalogItems} value={chosenItem} onPick={setItem} departmentName={names.department} /></div>
          <GridField grids={gridOptions} value={gridCode} hint={gridHint} invalid={invalid(!gridCode)} onChange={(code) => { setGridCode(code); setGridHint(null); }} />
          <label className="wo-field"><span>{t('workorders:fields.address')}</span><input className="wo-input" value={address} onChange={(e) => setAddress(e.target.value)} /></label>
          <label className="wo-field"><span>{t('workorders:fields.description')}<RequiredMark /></span><textarea className="wo-input" rows={3} required aria-invalid={invalid(!description.trim())} value={description} onChange={(e) => setDescription(e.target.value)} /></label>
          <ReporterFields value={reporter} onChange={(patch) => setReporter((r) => ({ ...r, ...patch }))} />
          <div className="wo-field"><span>{t('workorders:fields.photos')}</span><PhotoPicker photos={session.photos} value={photoIds} onChange={setPhotoIds} max={MAX_PHOTOS_PER_ACTION} scope={scopeOfUnit(session.actor.unit)} by={session.actor.name} onError={setError} /></div>
          <label className="wo-check"><input type="checkbox" checked={selfHandled} onChange={(e) => setSelfHandled(e.target.checked)} /> {t('workorders:intake.selfHandled')}</label>
          {selfHandled ? <label className="wo-field"><span>{t('workorders:intake.selfHandledNote')}<RequiredMark /></span><textarea className="wo-input" rows={2} required aria-invalid={invalid(!selfNote.trim())} value={selfNote} onChange={(e) => setSelfNote(e.target.value)} /></label> : null}
          {error ? <p className="wo-error" role="alert">{error}</p> : null}
          <div className="wo-form-actions">
            <a className="wo-button" href={hrefOfView({ view: 'inbox' })}>{t('workorders:intake.cancel')}</a>
            <button type="submit" className="wo-button wo-button--primary" disabled={busy}>{selfHandled ? t('workorders:intake.submitSelf') : t('workorders:intake.submit')}</button>
          </div>
        </div>
        <IntakeMap grids={grids} pin={pin} homeUnit={session.actor.unit} onPick={pickAt} />
      </form>
    </Screen>
  );
}
