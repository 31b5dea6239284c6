/** Parts of the intake form: where a problem came from, the grid list with what a map click found, and who reported how urgent a problem. */
import { useTranslation } from 'react-i18next';
import { RequiredMark } from './RequiredMark';
import { TICKET_PRIORITIES, TICKET_SOURCES, type GridDoc, type TicketDoc, type TicketSource } from '../../../core/schema';

export function SourceField({ value, onChange }: { value: TicketSource; onChange: (source: TicketSource) => void }) {
  const { t } = useTranslation(['workorders', 'app']);
  return (
    <label className="wo-field">
      <span>{t('workorders:fields.source')}</span>
      <select className="wo-input" value={value} onChange={(e) => onChange(e.target.value as TicketSource)}>
        {TICKET_SOURCES.map((s) => <option key={s} value={s}>{t(`app:workorders.sources.${s}`)}</option>)}
      </select>
    </label>
  );
}

export function GridField({ grids, value, hint, invalid, onChange }: {
  /** In code order, so each grid follows its parent. */
  grids: readonly GridDoc[];
  value: string;
  /** What the last click on the map found. */
  hint: string | null;
  /** Marked when an empty submit asked for it. */
  invalid?: boolean;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation(['workorders', 'app']);
  return (
    <label className="wo-field">
      <span>{t('workorders:fields.grid')}<RequiredMark /></span>
      <select className="wo-input" aria-label={t('workorders:intake.gridTree')} required aria-invalid={invalid} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('workorders:intake.gridTree')}</option>
        {grids.map((g) => <option key={g.code} value={g.code}>{'\u3000'.repeat(Math.max(0, g.level - 1))}{g.name}</option>)}
      </select>
      {hint ? <span className="wo-hint" role="status">{hint}</span> : null}
    </label>
  );
}

export interface Reporter {
  name: string;
  phone: string;
  priority: TicketDoc['priority'];
}

export function ReporterFields({ value, onChange }: { value: Reporter; onChange: (patch: Partial<Reporter>) => void }) {
  const { t } = useTranslation(['workorders', 'app']);
  return (
    <div className="wo-row">
      <label className="wo-field"><span>{t('workorders:fields.reporterName')}</span><input className="wo-input" value={value.name} autoComplete="off" onChange={(e) => onChange({ name: e.target.value })} /></label>
      <label className="wo-field"><span>{t('workorders:fields.reporterPhone')}</span><input className="wo-input" inputMode="tel" autoComplete="off" value={value.phone} onChange={(e) => onChange({ phone: e.target.value })} /></label>
      <label className="wo-field">
        <span>{t('workorders:fields.priority')}</span>
        <select className="wo-input" value={value.priority} onChange={(e) => onChange({ priority: e.target.value as TicketDoc['priority'] })}>
          {TICKET_PRIORITIES.map((p) => <option key={p} value={p}>{t(`workorders:priorities.${p}`)}</option>)}
        </select>
      </label>
    </div>
  );
}
