/** Where the map's overlays sit, so the map can keep what matters out from under them. */

/** Widths of the card (left) and legend (right) overlays with their margins, px (map.css). */
export const CARD_SPAN = 320;
export const LEGEND_SPAN = 180;

/** Keeps the whole district clear of the legend on the right. */
export const FIT_PADDING = { top: 24, bottom: 24, left: 24, right: LEGEND_SPAN };

/** Horizontal shift that puts a focused point between the card and the legend, when they leave room. */
export function freeBandOffset(width: number): number {
  const left = CARD_SPAN;
  const right = width - LEGEND_SPAN;
  return right - left < 40 ? 0 : (left + right) / 2 - width / 2;
}
