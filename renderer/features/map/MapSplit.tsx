/** A registry screen's body: its list or tree on the left, the map on the right. */
import type { ReactNode } from 'react';
import './registry.css';

export function MapSplit({ list, map }: { list: ReactNode; map: ReactNode }) {
  return (
    <div className="map-split">
      <div className="map-split__list panel">{list}</div>
      <div className="map-split__map panel">{map}</div>
    </div>
  );
}
