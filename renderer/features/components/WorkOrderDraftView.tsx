/** The open work order draft, shown as a dialog until the work-order form takes it over. */
import { useTranslation } from 'react-i18next';
import { setWorkOrderDraft, type WorkOrderDraft } from './workOrderDraft';

export function WorkOrderDraftView({ draft, onClose }: { draft: WorkOrderDraft; onClose: () => void }) {
  const { t } = useTranslation('registry');
  const none = t('card.unknown');
  const rows: [string, string, string][] = [
    ['catalogItem', t('draft.catalogItem'), draft.catalogItemCode ? `${draft.catalogItemName}（${draft.catalogItemCode}）` : t('draft.noCatalogItem')],
    ['department', t('draft.department'), draft.departmentName ?? draft.departmentCode ?? none],
    ['timeLimit', t('draft.timeLimit'), draft.timeLimitHours ? t('draft.timeLimitValue', { hours: draft.timeLimitHours }) : none],
    ['grid', t('draft.grid'), draft.gridName ? `${draft.gridName}（${draft.gridCode}）` : draft.gridCode],
    [
      'location',
      t('draft.location'),
      [draft.address, t('card.coordinates', { lng: draft.location.lng.toFixed(6), lat: draft.location.lat.toFixed(6) })].filter(Boolean).join(' '),
    ],
    ['component', t('draft.component'), draft.componentCode],
    ['priority', t('draft.priority'), t(`draft.priorities.${draft.priority}`)],
    ['description', t('draft.description'), draft.description],
  ];
  return (
    <div className="draft-backdrop">
      <section className="draft-dialog panel" role="dialog" aria-modal="true" aria-labelledby="draft-title">
        <header>
          <h2 id="draft-title">{t('draft.title')}</h2>
          <span className="tag tag--info">{t('draft.fromComponent')}</span>
        </header>
        <dl>
          {rows.map(([key, label, value]) => (
            <div key={key} className="draft-row" data-field={key}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="registry-note">{t('draft.note')}</p>
        <footer>
          <button
            type="button"
            onClick={() => {
              setWorkOrderDraft(null);
              onClose();
            }}
          >
            {t('draft.discard')}
          </button>
          <button type="button" onClick={onClose}>
            {t('draft.keep')}
          </button>
          {/* The intake form picks the draft up: component, item, grid, place and description filled in. */}
          <a className="primary" href="#/workorders/new" onClick={onClose}>
            {t('draft.open')}
          </a>
        </footer>
      </section>
    </div>
  );
}
