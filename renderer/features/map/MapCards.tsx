/** The card shown when something on the map is clicked: a component, a grid or a work order. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { areaOf, formatArea } from '../../../core/geo';
import { COMPONENT_MAJOR_CATEGORIES, type ComponentDoc, type GridDoc, type TicketDoc } from '../../../core/schema';
import { isOverdue } from '../../../core/workorders/orderClock';

export type MapSelection = { kind: 'component'; code: string } | { kind: 'grid'; code: string } | { kind: 'ticket'; number: string };

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Card({ title, kind, onClose, children, actions }: { title: string; kind: string; onClose: () => void; children: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="map-card" role="dialog" aria-label={title} data-testid="map-card" data-kind={kind}>
      <header>
        <h3>{title}</h3>
        <button type="button" className="map-card-close" onClick={onClose} aria-label={t('registry:card.close')}>
          ×
        </button>
      </header>
      <dl>{children}</dl>
      {actions ? <footer>{actions}</footer> : null}
    </section>
  );
}

function gridLabel(grid: Pick<GridDoc, 'name' | 'code'> | undefined, code: string): string {
  return grid ? `${grid.name}（${grid.code}）` : code;
}

export function ComponentCard({ component, grid, onClose, onRaiseOrder }: { component: ComponentDoc; grid?: GridDoc; onClose: () => void; onRaiseOrder?: (c: ComponentDoc) => void }) {
  const { t } = useTranslation();
  const major = COMPONENT_MAJOR_CATEGORIES[component.majorCode as keyof typeof COMPONENT_MAJOR_CATEGORIES];
  return (
    <Card
      kind="component"
      title={`${t('registry:card.component')}：${component.name}`}
      onClose={onClose}
      actions={
        onRaiseOrder ? (
          <button type="button" className="primary" onClick={() => onRaiseOrder(component)}>
            {t('registry:card.raiseOrder')}
          </button>
        ) : undefined
      }
    >
      <Field label={t('registry:card.number')}>{component.code}</Field>
      <Field label={t('registry:card.category')}>{t('registry:card.categoryValue', { major, minor: component.minorName })}</Field>
      <Field label={t('registry:card.location')}>
        {component.address ? <div>{component.address}</div> : null}
        <div className="muted">{t('registry:card.coordinates', { lng: component.location.lng.toFixed(6), lat: component.location.lat.toFixed(6) })}</div>
      </Field>
      <Field label={t('registry:card.responsibleDepartment')}>{component.responsibleDepartment}</Field>
      <Field label={t('registry:card.ownerUnit')}>{component.ownerUnit}</Field>
      <Field label={t('registry:card.maintenanceUnit')}>{component.maintenanceUnit}</Field>
      <Field label={t('registry:card.status')}>
        <span className={`status status-${component.status}`}>{t(`app:components.statuses.${component.status}`)}</span>
      </Field>
      <Field label={t('registry:card.inGrid')}>{gridLabel(grid, component.gridCode)}</Field>
    </Card>
  );
}

export function GridCard({ grid, headName, workerNames, onClose, extra }: { grid: GridDoc; headName?: string; workerNames?: string[]; onClose: () => void; extra?: ReactNode }) {
  const { t } = useTranslation();
  const none = t('registry:card.unknown');
  return (
    <Card kind="grid" title={`${t('registry:card.grid')}：${grid.name}`} onClose={onClose}>
      <Field label={t('registry:card.code')}>{grid.code}</Field>
      <Field label={t('registry:card.level')}>{t('registry:card.levelValue', { level: grid.level })}</Field>
      <Field label={t('registry:card.population')}>{grid.population ?? none}</Field>
      <Field label={t('registry:card.households')}>{grid.households ?? none}</Field>
      <Field label={t('registry:card.area')}>{formatArea(areaOf(grid.boundary))}</Field>
      <Field label={t('registry:card.head')}>{headName ?? grid.headStaffId ?? none}</Field>
      <Field label={t('registry:card.workers')}>{workerNames ? workerNames.join('、') || none : (grid.workerStaffIds?.length ?? 0)}</Field>
      {extra}
    </Card>
  );
}

export function TicketCard({ ticket, grid, onClose, now }: { ticket: TicketDoc; grid?: GridDoc; onClose: () => void; now: Date }) {
  const { t } = useTranslation();
  return (
    <Card kind="ticket" title={`${t('registry:card.ticket')}：${ticket.number}`} onClose={onClose}>
      <Field label={t('registry:card.state')}>{t(`app:workorders.states.${ticket.state}`)}</Field>
      <Field label={t('registry:card.description')}>{ticket.description}</Field>
      <Field label={t('registry:card.inGrid')}>{gridLabel(grid, ticket.gridCode)}</Field>
      <Field label={t('registry:card.reportedAt')}>{new Date(ticket.reportedAt).toLocaleString('zh-CN')}</Field>
      <Field label={t('registry:card.deadline')}>
        {ticket.deadline ? new Date(ticket.deadline).toLocaleString('zh-CN') : t('registry:card.unknown')}
        {isOverdue(ticket, now) ? <span className="status status-damaged"> {t('registry:card.overdue')}</span> : null}
      </Field>
    </Card>
  );
}
