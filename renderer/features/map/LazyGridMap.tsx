/**
 * GridMap loaded on first use: MapLibre is most of the renderer's code, and a clerk who opens
 * the work orders should not wait for it. The registries render this instead of GridMap; it
 * also hands the map the district's basemap setting.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridMapProps } from './GridMap';
import { useBasemapSetting } from './useBasemapSetting';

const GridMap = lazy(() => import('./GridMap').then((module) => ({ default: module.GridMap })));

export function LazyGridMap(props: GridMapProps) {
  const { t } = useTranslation('registry');
  const basemapUrl = useBasemapSetting();
  return (
    <Suspense fallback={<p className="loading" role="status">{t('map.loading')}</p>}>
      <GridMap basemapUrl={basemapUrl} {...props} />
    </Suspense>
  );
}
