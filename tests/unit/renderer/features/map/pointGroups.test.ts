import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../../../../../district/demo/generate';
import { isOpen, isOverdue } from '../../../../../core/workorders/orderClock';
import { componentPoints, openTicketPoints } from '../../../../../renderer/features/map/mapFeatures';
import { keyNear, type PointGroups } from '../../../../../renderer/features/map/pointGroups';

const demo = generateDemoDistrict({ seed: 3 });
const { components, tickets } = demo.docs;
const now = new Date('2025-06-01T00:00:00Z');

/** Every drawn position as [key, lng, lat, properties]. */
function drawn<P>(groups: PointGroups<P>): [string, number, number, P][] {
  return groups.collection.features.flatMap((feature, f) => feature.geometry.coordinates.map(([lng, lat], i) => [groups.keys[f][i], lng, lat, feature.properties] as [string, number, number, P]));
}

describe('components and orders on the map', () => {
  it('draw every component on the street once, where it stands, with the icon of its category and state', () => {
    const onStreet = components.filter((c) => c.status !== 'removed');
    const points = drawn(componentPoints(components));
    expect(points.map(([code]) => code).sort()).toEqual(onStreet.map((c) => c.code).sort());
    const byCode = new Map(onStreet.map((c) => [c.code, c]));
    for (const [code, lng, lat, props] of points) {
      const c = byCode.get(code);
      expect({ lng, lat, ...props }).toEqual({ ...c?.location, major: c?.majorCode, alert: c?.status === 'damaged' || c?.status === 'missing' });
    }
    expect(components.length).toBeGreaterThan(onStreet.length);
  });

  it('draw open orders with a location only, coloured by state and marked when overdue', () => {
    const shown = tickets.filter((tk) => tk.location && isOpen(tk.state));
    const points = drawn(openTicketPoints(tickets, now));
    expect(points.map(([number]) => number).sort()).toEqual(shown.map((tk) => tk.number).sort());
    const byNumber = new Map(shown.map((tk) => [tk.number, tk]));
    for (const [number, , , props] of points) {
      const tk = byNumber.get(number);
      expect(props).toEqual({ state: tk?.state, overdue: tk ? isOverdue(tk, now) : undefined });
    }
    expect(points.some(([, , , p]) => p.overdue)).toBe(true);
  });

  it('lead a click on an icon to its own document, though the map reports the point a little off', () => {
    const groups = componentPoints(components);
    for (const c of components.filter((x) => x.status !== 'removed').slice(0, 200)) {
      const props = { major: c.majorCode, alert: c.status === 'damaged' || c.status === 'missing' };
      expect(keyNear(groups, props, [c.location.lng + 2e-7, c.location.lat - 2e-7])).toBe(c.code);
    }
    const orders = openTicketPoints(tickets, now);
    const open = tickets.find((tk) => tk.location && isOpen(tk.state));
    if (!open?.location) throw new Error('the demo district has no open order with a location');
    expect(keyNear(orders, { state: open.state, overdue: isOverdue(open, now) }, [open.location.lng, open.location.lat])).toBe(open.number);
  });
});
