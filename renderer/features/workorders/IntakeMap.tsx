/** The map beside the intake form: a click pins where the problem is and hands the point over. */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLat } from '../../../core/geo';
import type { GridDoc } from '../../../core/schema';
import { GridMap } from '../map/GridMap';
import { maplibregl, type MapLibreMap } from '../map/maplibre';

export function IntakeMap({ grids, pin, homeUnit, onPick }: {
  grids: readonly GridDoc[];
  /** Where the pin stands when the map opens (from a draft). */
  pin: LngLat | null;
  homeUnit: string;
  onPick: (at: LngLat) => void;
}) {
  const { t } = useTranslation(['workorders', 'app']);
  const marker = useRef<InstanceType<typeof maplibregl.Marker> | null>(null);

  const placePin = (map: MapLibreMap, at: LngLat) => {
    marker.current ??= new maplibregl.Marker({ color: '#d32f2f' });
    marker.current.setLngLat([at.lng, at.lat]).addTo(map);
  };

  const onMapReady = (map: MapLibreMap) => {
    if (pin) placePin(map, pin);
    map.on('click', (event) => {
      const at = { lng: event.lngLat.lng, lat: event.lngLat.lat };
      placePin(map, at);
      onPick(at);
    });
  };

  return (
    <div className="wo-intake__map panel" aria-label={t('workorders:intake.pickOnMap')}>
      <p className="wo-hint">{t('workorders:intake.pinHint')}</p>
      {grids.length > 0 ? <GridMap grids={grids} onMapReady={onMapReady} homeUnit={homeUnit} /> : null}
    </div>
  );
}
