/** Legend and layer switches in one panel: each switch sits next to what it draws. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPONENT_MAJOR_CATEGORIES, type ComponentMajorCode } from '../../../core/schema';
import { iconDataUrl } from './mapIcons';
import { GRID_LEVEL_STYLE, TICKET_STATE_COLORS } from './mapPalette';
import { GRID_LEVELS, type LayerGroup } from './offlineStyle';
import { OPEN_STATES } from '../../../core/workorders/orderClock';

export type LayerVisibility = Record<LayerGroup, boolean>;

export const DEFAULT_VISIBILITY: LayerVisibility = { grid1: true, grid2: true, grid3: true, grid4: true, components: true, tickets: true };

export function MapLegend({ visibility, onToggle }: { visibility: LayerVisibility; onToggle: (group: LayerGroup, on: boolean) => void }) {
  const { t } = useTranslation();
  const icons = useMemo(
    () => (Object.keys(COMPONENT_MAJOR_CATEGORIES) as ComponentMajorCode[]).map((major) => ({ major, name: COMPONENT_MAJOR_CATEGORIES[major], url: iconDataUrl(major) })),
    [],
  );
  const toggle = (group: LayerGroup, label: string, swatch?: React.ReactNode) => (
    <label className="map-legend-switch">
      <input type="checkbox" checked={visibility[group]} onChange={(e) => onToggle(group, e.target.checked)} data-layer={group} />
      {swatch}
      <span>{label}</span>
    </label>
  );
  return (
    <aside className="map-legend" aria-label={t('registry:map.legend')}>
      <h4>{t('registry:map.layers')}</h4>
      {GRID_LEVELS.map((level) => (
        <div key={level}>
          {toggle(`grid${level}`, t('registry:map.gridLevel', { level }), <span className="map-legend-line" style={{ borderColor: GRID_LEVEL_STYLE[level].line, borderTopWidth: GRID_LEVEL_STYLE[level].width + 1 }} />)}
        </div>
      ))}
      <div>{toggle('components', t('registry:map.components'))}</div>
      <ul className="map-legend-items">
        {icons.map((icon) => (
          <li key={icon.major}>
            <img src={icon.url} alt="" width={16} height={16} />
            {icon.name}
          </li>
        ))}
        <li>
          <img src={iconDataUrl('01', true)} alt="" width={16} height={16} />
          {t('app:components.statuses.damaged')} / {t('app:components.statuses.missing')}
        </li>
      </ul>
      <div>{toggle('tickets', t('registry:map.tickets'))}</div>
      <ul className="map-legend-items">
        {OPEN_STATES.map((state) => (
          <li key={state}>
            <span className="map-legend-dot" style={{ background: TICKET_STATE_COLORS[state] }} />
            {t(`app:workorders.states.${state}`)}
          </li>
        ))}
      </ul>
    </aside>
  );
}
