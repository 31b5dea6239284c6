/**
 * One reading of the district's basemap setting: what the map draws, and the server the desktop
 * app's page is allowed to fetch it from.
 */
import { describe, expect, it } from 'vitest';
import { basemapOf, basemapOrigin } from '../../../core/basemap';

describe('the basemap setting', () => {
  it('names a raster tile service by its {z}/{x}/{y} template, or a PMTiles archive on a web server', () => {
    expect(basemapOf('https://gis.szwz.gov.cn/tiles/{z}/{x}/{y}.png')).toEqual({ kind: 'raster', template: 'https://gis.szwz.gov.cn/tiles/{z}/{x}/{y}.png' });
    expect(basemapOf('pmtiles://https://gis.szwz.gov.cn/maps/wuzhong.pmtiles')).toEqual({ kind: 'pmtiles', url: 'pmtiles://https://gis.szwz.gov.cn/maps/wuzhong.pmtiles' });
    for (const drawsNothing of [undefined, '', 'https://gis.szwz.gov.cn/tiles/', 'ftp://gis/{z}/{x}/{y}.png', 'pmtiles:///home/it/area.pmtiles']) {
      expect(basemapOf(drawsNothing)).toBeNull();
    }
  });

  it('is fetched from its server’s origin, the one the page’s security policy must let through', () => {
    expect(basemapOrigin('https://gis.szwz.gov.cn:8443/tiles/{z}/{x}/{y}.png?style=gov')).toBe('https://gis.szwz.gov.cn:8443');
    expect(basemapOrigin('pmtiles://http://10.20.0.9/maps/area.pmtiles')).toBe('http://10.20.0.9');
    expect(basemapOrigin('https://gis.szwz.gov.cn/tiles/')).toBeNull();
  });
});
