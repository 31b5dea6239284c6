/**
 * 登记工单: a problem from patrol, the 12345 hotline, a citizen, the police or above. The item
 * is found by Chinese or pinyin initials and brings its department and time limit; the grid
 * comes from a pin on the map (or the grid list); up to 9 photos are compressed and stored
 * first. A problem solved on the spot is recorded as 自处置 and closed in the same step.
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findGridAt } from '../../../core/geo';
import { TICKET_PRIORITIES, TICKET_SOURCES, type CatalogItemDoc, type TicketDoc, type TicketSource } from '../../../core/schema';
import { scopeOfUnit } from '../../../core/org';
import { createTicket } from '../../../core/workorders/commands';
import { ActionRefusedError, MAX_PHOTOS_PER_ACTION } from '../../../core/workorders/stateMachine';
import { Screen } from '../../ui/Screen';
import { useWorkOrderDraft, setWorkOrderDraft } from '../components/workOrderDraft';
import { GridMap } from '../map/GridMap';
import { maplibregl, type MapLibreMap } from '../map/maplibre';
import { CatalogPicker } from './CatalogPicker';
import { PhotoPicker } from './Photos';
import { go, hrefOfView } from './useSubRoute';
import { useWorkorderSession } from './useWorkorderSession';
import { useNames } from '../../data/names';

interface Pin {
  lng: number;
  lat: number;
}

export function IntakeForm() {
  const { t } = useTranslation(['workorders', 'app']);
  const session = useWorkorderSession();
  const names = useNames();
  const draft = useWorkOrderDraft();
  const [source, setSource] = useState<TicketSource>(draft?.source ?? 'patrol');
  const [item, setItem] = useState<CatalogItemDoc | null>(null);
  const [pin, setPin] = useState<Pin | null>(draft?.location ?? null);
  const [gridCode, setGridCode] = useState(draft?.gridCode ?? '');
  const [gridHint, setGridHint] = useState<string | null>(null);
  const [address, setAddress] = useState(draft?.address ?? '');
  const [description, setDescription] = useState(draft?.description ?? '');
  const [reporterName, setReporterName] = useState('');
  const [reporterPhone, setReporterPhone] = useState('');
  const [priority, setPriority] = useState<TicketDoc['priority']>(draft?.priority ?? 'normal');
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [selfHandled, setSelfHandled] = useState(false);
  const [selfNote, setSelfNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const marker = useRef<InstanceType<typeof maplibregl.Marker> | null>(null);

  // The component registry's draft names its item by code; pick it up once the catalog is here.
  const draftItem = draft?.catalogItemCode ? names.catalogItems.find((c) => c.code === draft.catalogItemCode) ?? null : null;
  const chosenItem = item ?? draftItem;
  const grids = names.grids;
  const gridOptions = useMemo(() => [...grids].sort((a, b) => a.code.localeCompare(b.code)), [grids]);

  const placePin = (map: MapLibreMap, at: Pin) => {
    marker.current ??= new maplibregl.Marker({ color: '#d32f2f' });
    marker.current.setLngLat([at.lng, at.lat]).addTo(map);
  };

  const onMapReady = (map: MapLibreMap) => {
    if (pin) placePin(map, pin);
    map.on('click', (event) => {
      const at = { lng: event.lngLat.lng, lat: event.lngLat.lat };
      setPin(at);
      placePin(map, at);
      const found = findGridAt(at, grids);
      if (found.ok) {
        setGridCode(found.grid.code);
        setGridHint(t('workorders:intake.gridPicked', { name: names.grid(found.grid.code) }));
      } else {
        setGridHint(t('workorders:intake.gridOutside'));
      }
    });
  };

  const missing = (): string | null => {
    if (!gridCode) return t('workorders:fields.grid');
    if (!description.trim()) return t('workorders:fields.description');
    if (selfHandled && !selfNote.trim()) return t('workorders:intake.selfHandledNote');
    return null;
  };

  const submit = async () => {
    const absent = missing();
    if (absent) return setError(t('workorders:intake.required', { field: absent }));
    setBusy(true);
    setError(null);
    try {
      const ticket = await createTicket(
        session.store,
        {
          source,
          ...(chosenItem ? { catalogItem: { code: chosenItem.code, departmentCode: chosenItem.departmentCode, timeLimitHours: chosenItem.timeLimitHours } } : {}),
          ...(draft?.componentCode ? { componentCode: draft.componentCode } : {}),
          gridCode,
          ...(pin ? { location: pin } : {}),
          address: address.trim(),
          description: description.trim(),
          reporterName: reporterName.trim(),
          reporterPhone: reporterPhone.trim(),
          priority,
          photoIds,
          ...(selfHandled ? { selfHandled: { note: selfNote.trim() } } : {}),
        },
        session.actor,
        { calendar: session.calendar },
      );
      if (draft) setWorkOrderDraft(null);
      go({ view: 'order', id: ticket.id });
    } catch (caught) {
      setError(caught instanceof ActionRefusedError || caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('workorders:intake.title')} purpose={t('app:purpose.workorders')} aside={<a className="wo-button" href={hrefOfView({ view: 'inbox' })}>← {t('workorders:detail.back')}</a>}>
      <form className="wo-intake" aria-label={t('workorders:intake.title')} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="wo-intake__form panel panel--padded">
          <label className="wo-field">
            <span>{t('workorders:fields.source')}</span>
            <select className="wo-input" value={source} onChange={(e) => setSource(e.target.value as TicketSource)}>
              {TICKET_SOURCES.map((s) => <option key={s} value={s}>{t(`app:workorders.sources.${s}`)}</option>)}
            </select>
          </label>
          <div className="wo-field"><span>{t('workorders:fields.catalogItem')}</span><CatalogPicker items={names.catalogItems} value={chosenItem} onPick={setItem} departmentName={names.department} /></div>
          <label className="wo-field">
            <span>{t('workorders:fields.grid')} *</span>
            <select className="wo-input" aria-label={t('workorders:intake.gridTree')} value={gridCode} onChange={(e) => { setGridCode(e.target.value); setGridHint(null); }}>
              <option value="">{t('workorders:intake.gridTree')}</option>
              {gridOptions.map((g) => <option key={g.code} value={g.code}>{'\u3000'.repeat(Math.max(0, g.level - 1))}{g.name}</option>)}
            </select>
            {gridHint ? <span className="wo-hint" role="status">{gridHint}</span> : null}
          </label>
          <label className="wo-field"><span>{t('workorders:fields.address')}</span><input className="wo-input" value={address} onChange={(e) => setAddress(e.target.value)} /></label>
          <label className="wo-field"><span>{t('workorders:fields.description')} *</span><textarea className="wo-input" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} /></label>
          <div className="wo-row">
            <label className="wo-field"><span>{t('workorders:fields.reporterName')}</span><input className="wo-input" value={reporterName} onChange={(e) => setReporterName(e.target.value)} /></label>
            <label className="wo-field"><span>{t('workorders:fields.reporterPhone')}</span><input className="wo-input" inputMode="tel" value={reporterPhone} onChange={(e) => setReporterPhone(e.target.value)} /></label>
            <label className="wo-field">
              <span>{t('workorders:fields.priority')}</span>
              <select className="wo-input" value={priority} onChange={(e) => setPriority(e.target.value as TicketDoc['priority'])}>
                {TICKET_PRIORITIES.map((p) => <option key={p} value={p}>{t(`workorders:priorities.${p}`)}</option>)}
              </select>
            </label>
          </div>
          <div className="wo-field"><span>{t('workorders:fields.photos')}</span><PhotoPicker photos={session.photos} value={photoIds} onChange={setPhotoIds} max={MAX_PHOTOS_PER_ACTION} scope={scopeOfUnit(session.actor.unit)} by={session.actor.name} onError={setError} /></div>
          <label className="wo-check"><input type="checkbox" checked={selfHandled} onChange={(e) => setSelfHandled(e.target.checked)} /> {t('workorders:intake.selfHandled')}</label>
          {selfHandled ? <label className="wo-field"><span>{t('workorders:intake.selfHandledNote')} *</span><textarea className="wo-input" rows={2} value={selfNote} onChange={(e) => setSelfNote(e.target.value)} /></label> : null}
          {error ? <p className="wo-error" role="alert">{error}</p> : null}
          <div className="wo-form-actions">
            <a className="wo-button" href={hrefOfView({ view: 'inbox' })}>{t('workorders:intake.cancel')}</a>
            <button type="submit" className="wo-button wo-button--primary" disabled={busy}>{selfHandled ? t('workorders:intake.submitSelf') : t('workorders:intake.submit')}</button>
          </div>
        </div>
        <div className="wo-intake__map panel" aria-label={t('workorders:intake.pickOnMap')}>
          <p className="wo-hint">{t('workorders:intake.pinHint')}</p>
          {grids.length > 0 ? <GridMap grids={grids} onMapReady={onMapReady} homeUnit={session.actor.unit} /> : null}
        </div>
      </form>
    </Screen>
  );
}
