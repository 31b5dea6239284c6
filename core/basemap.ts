/**
 * What a district's `basemapUrl` setting names (core/settings.ts): a raster XYZ tile service
 * (`https://intranet/tiles/{z}/{x}/{y}.png`) or a PMTiles archive on a web server
 * (`pmtiles://https://intranet/maps/area.pmtiles`). One reading for the three places that act
 * on it: the district CLI refuses what no map could draw, the map draws it
 * (renderer/features/map/basemap.ts), and the desktop app lets the page reach its server
 * (main: the page's content security policy).
 */
export type Basemap = { kind: 'raster'; template: string } | { kind: 'pmtiles'; url: string };

/** What the setting names, or null when it names nothing the map can draw. */
export function basemapOf(setting: string | undefined): Basemap | null {
  if (!setting) return null;
  if (/^pmtiles:\/\/https?:\/\/./.test(setting)) return { kind: 'pmtiles', url: setting };
  if (/^https?:\/\//.test(setting) && setting.includes('{z}') && setting.includes('{x}') && setting.includes('{y}')) return { kind: 'raster', template: setting };
  return null;
}

/** The origin the map fetches the basemap from (`https://intranet`), or null. */
export function basemapOrigin(setting: string | undefined): string | null {
  const basemap = basemapOf(setting);
  if (!basemap) return null;
  const address = basemap.kind === 'pmtiles' ? basemap.url.slice('pmtiles://'.length) : basemap.template.replace(/\{[a-z]+\}/g, '0');
  try {
    return new URL(address).origin;
  } catch {
    return null;
  }
}
