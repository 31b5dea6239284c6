/**
 * Layer switches with the key folded under them, in one small panel that folds away: open it
 * is about 130 × 170 px (under an eighth of the map at 1366×768), folded only its title.
 * The key (what each icon and colour means) opens on demand below the switches.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPONENT_MAJOR_CATEGORIES, type ComponentMajorCode } from '../../../core/schema';
import { iconDataUrl } from './mapIcons';
import { GRID_LEVEL_STYLE, TICKET_STATE_COLORS } from './mapPalette';
import { GRID_LEVELS, type LayerGroup } from './offlineStyle';
import { OPEN_STATES } from '../../../core/workorders/orderClock';

export type LayerVisibility = Record<LayerGroup, boolean>;

export const DEFAULT_VISIBILITY: LayerVisibility = { grid1: true, grid2: true, grid3: true, grid4: true, components: true, tickets: true };

export interface MapLegendProps {
  visibility: LayerVisibility;
  onToggle: (group: LayerGroup, on: boolean) => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Extra rows at the panel's foot (the basemap's offline copy). */
  children?: React.ReactNode;
}

export function MapLegend({ visibility, onToggle, open, onOpenChange, children }: MapLegendProps) {
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
    <aside className="map-legend" aria-label={t('registry:map.legend')} data-open={open}>
      <button type="button" className="map-legend-toggle" aria-expanded={open} onClick={() => onOpenChange(!open)}>
        {t('registry:map.layers')}
        <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      {open ? (
        <div className="map-legend-body">
          {GRID_LEVELS.map((level) => (
            <div key={level}>
              {toggle(`grid${level}`, t('registry:map.gridLevel', { level }), <span className="map-legend-line" style={{ borderColor: GRID_LEVEL_STYLE[level].line, borderTopWidth: GRID_LEVEL_STYLE[level].width + 1 }} />)}
            </div>
          ))}
          <div>{toggle('components', t('registry:map.components'))}</div>
          <div>{toggle('tickets', t('registry:map.tickets'))}</div>
          <details className="map-legend-key">
            <summary>{t('registry:map.legend')}</summary>
            <ul className="map-legend-items">
              {icons.map((icon) => (
                <li key={icon.major}>
                  <img src={icon.url} alt="" width={14} height={14} />
                  {icon.name}
                </li>
              ))}
              <li>
                <img src={iconDataUrl('01', true)} alt="" width={14} height={14} />
                {t('app:components.statuses.damaged')} / {t('app:components.statuses.missing')}
              </li>
              {OPEN_STATES.map((state) => (
                <li key={state}>
                  <span className="map-legend-dot" style={{ background: TICKET_STATE_COLORS[state] }} />
                  {t(`app:workorders.states.${state}`)}
                </li>
              ))}
            </ul>
          </details>
          {children}
        </div>
      ) : null}
    </aside>
  );
}
