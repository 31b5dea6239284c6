/**
 * "Keep my area offline": fetches the basemap tiles over the station's own grids into the
 * station's tile cache, from the district's zoom down to the deepest zoom that stays under
 * OFFLINE_TILE_CAP tiles, with progress. Tiles seen while browsing are kept anyway; this makes
 * the whole area draw the day the tile service is down.
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BBox } from '../../../core/geo';
import { keepAreaOffline, type KeepProgress } from './tileCache';
import { offlineDepth } from './tileCover';

/** Coarse zooms cost one or two tiles each over a unit, and a narrow window opens on them. */
export const OFFLINE_MIN_ZOOM = 6;
export const OFFLINE_MAX_ZOOM = 18;
/** About 3,000 tiles is 30–60 MB of raster tiles: a village to zoom 17, a town to 15 or so. */
export const OFFLINE_TILE_CAP = 3000;

/** The unit's bounds and a fifth of their size around them: what a fitted map shows. */
function withMargin([w, s, e, n]: BBox): BBox {
  const dx = (e - w) / 5;
  const dy = (n - s) / 5;
  return [w - dx, s - dy, e + dx, n + dy];
}

export function BasemapOffline({ template, area: unitArea }: { template: string; area: BBox }) {
  const { t } = useTranslation('registry');
  const area = useMemo(() => withMargin(unitArea), [unitArea]);
  const plan = useMemo(() => offlineDepth(area, { minZoom: OFFLINE_MIN_ZOOM, maxZoom: OFFLINE_MAX_ZOOM, cap: OFFLINE_TILE_CAP }), [area]);
  const [progress, setProgress] = useState<KeepProgress | null>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);

  if (!plan) return <p className="map-basemap-offline">{t('map.basemapTooLarge')}</p>;

  const start = () => {
    abort.current = new AbortController();
    setRunning(true);
    setProgress({ done: 0, failed: 0, total: plan.count });
    keepAreaOffline(template, area, { minZoom: OFFLINE_MIN_ZOOM, maxZoom: plan.maxZoom }, setProgress, abort.current.signal)
      .then(setProgress)
      .catch((error: unknown) => console.error('map: keeping the basemap offline failed', error))
      .finally(() => setRunning(false));
  };

  return (
    <div className="map-basemap-offline" data-testid="basemap-offline">
      {running && progress ? (
        <>
          <progress max={progress.total} value={progress.done + progress.failed} />
          <span>{t('map.basemapSaving', { done: progress.done + progress.failed, total: progress.total })}</span>
        </>
      ) : (
        <>
          <button type="button" onClick={start} title={t('map.basemapKeepHint', { count: plan.count, zoom: plan.maxZoom })}>
            {t('map.basemapKeep')}
          </button>
          {progress ? (
            <span role="status">{progress.failed > 0 ? t('map.basemapSavedPartly', { done: progress.done, failed: progress.failed }) : t('map.basemapSaved', { done: progress.done })}</span>
          ) : null}
        </>
      )}
    </div>
  );
}
