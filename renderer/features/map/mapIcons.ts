/**
 * Component icons, drawn on a canvas at runtime and handed to the map with addImage: no sprite
 * sheet to ship or fetch, and the legend shows the very same pixels (as a data URL).
 */
import { COMPONENT_MAJOR_CATEGORIES, type ComponentMajorCode } from '../../../core/schema';
import { ALERT_COLOR, COMPONENT_COLORS } from './mapPalette';

export const ICON_SIZE = 28;
const MAJORS = Object.keys(COMPONENT_MAJOR_CATEGORIES) as ComponentMajorCode[];

export function iconName(major: string, alert: boolean): string {
  return `component-${major}${alert ? '-alert' : ''}`;
}

/** The pictogram of each major category, drawn in white on the category colour. */
const PICTOGRAMS: Record<ComponentMajorCode, (c: CanvasRenderingContext2D, s: number) => void> = {
  // 公用设施: a manhole cover — a ring with bars.
  '01': (c, s) => {
    c.beginPath();
    c.arc(s / 2, s / 2, s * 0.22, 0, Math.PI * 2);
    c.stroke();
    for (const dy of [-0.08, 0, 0.08]) {
      c.beginPath();
      c.moveTo(s * 0.36, s * (0.5 + dy));
      c.lineTo(s * 0.64, s * (0.5 + dy));
      c.stroke();
    }
  },
  // 道路交通: a road sign — a diamond on a post.
  '02': (c, s) => {
    c.beginPath();
    c.moveTo(s / 2, s * 0.24);
    c.lineTo(s * 0.68, s * 0.42);
    c.lineTo(s / 2, s * 0.6);
    c.lineTo(s * 0.32, s * 0.42);
    c.closePath();
    c.fill();
    c.beginPath();
    c.moveTo(s / 2, s * 0.6);
    c.lineTo(s / 2, s * 0.78);
    c.stroke();
  },
  // 市容环境: a litter bin.
  '03': (c, s) => {
    c.fillRect(s * 0.34, s * 0.38, s * 0.32, s * 0.36);
    c.fillRect(s * 0.3, s * 0.3, s * 0.4, s * 0.05);
  },
  // 园林绿化: a tree.
  '04': (c, s) => {
    c.beginPath();
    c.arc(s / 2, s * 0.42, s * 0.18, 0, Math.PI * 2);
    c.fill();
    c.fillRect(s * 0.46, s * 0.52, s * 0.08, s * 0.24);
  },
  // 房屋土地: a house.
  '05': (c, s) => {
    c.beginPath();
    c.moveTo(s * 0.28, s * 0.5);
    c.lineTo(s / 2, s * 0.28);
    c.lineTo(s * 0.72, s * 0.5);
    c.closePath();
    c.fill();
    c.fillRect(s * 0.34, s * 0.5, s * 0.32, s * 0.22);
  },
  // 其他设施: a square marker.
  '06': (c, s) => {
    c.fillRect(s * 0.36, s * 0.36, s * 0.28, s * 0.28);
  },
};

function draw(major: ComponentMajorCode, alert: boolean, pixelRatio: number): HTMLCanvasElement {
  const s = ICON_SIZE * pixelRatio;
  const canvas = document.createElement('canvas');
  canvas.width = s;
  canvas.height = s;
  // A software canvas: the icons are read back at once (addImage, data URLs), and reading a
  // GPU canvas back cost ~200 ms on SwiftShader before the map's first frame.
  const c = canvas.getContext('2d', { willReadFrequently: true });
  if (!c) throw new Error('2D canvas unavailable: cannot draw map icons');
  c.beginPath();
  c.arc(s / 2, s / 2, s * 0.42, 0, Math.PI * 2);
  c.fillStyle = COMPONENT_COLORS[major];
  c.fill();
  c.lineWidth = s * (alert ? 0.09 : 0.05);
  c.strokeStyle = alert ? ALERT_COLOR : '#ffffff';
  c.stroke();
  c.fillStyle = '#ffffff';
  c.strokeStyle = '#ffffff';
  c.lineWidth = s * 0.05;
  c.lineCap = 'round';
  PICTOGRAMS[major](c, s);
  return canvas;
}

export interface IconTarget {
  hasImage(id: string): boolean;
  addImage(id: string, image: ImageData, options: { pixelRatio: number }): void;
}

/** Adds every category icon (plain and with the damaged/missing ring) to a map. */
export function addComponentIcons(map: IconTarget, pixelRatio = Math.max(1, Math.round(window.devicePixelRatio || 1))): void {
  for (const major of MAJORS) {
    for (const alert of [false, true]) {
      const name = iconName(major, alert);
      if (map.hasImage(name)) continue;
      const canvas = draw(major, alert, pixelRatio);
      const image = canvas.getContext('2d', { willReadFrequently: true })?.getImageData(0, 0, canvas.width, canvas.height);
      if (image) map.addImage(name, image, { pixelRatio });
    }
  }
}

const dataUrls = new Map<string, string>();

/** The icon as a data URL, for the legend: drawn once per page, the pixels never change. */
export function iconDataUrl(major: ComponentMajorCode, alert = false): string {
  const name = iconName(major, alert);
  let url = dataUrls.get(name);
  if (!url) {
    url = draw(major, alert, 2).toDataURL('image/png');
    dataUrls.set(name, url);
  }
  return url;
}

/** A white rounded plate that stretches to fit a label (see LABEL_PLATE in offlineStyle.ts). */
export function addLabelPlate(map: { hasImage(id: string): boolean; addImage(id: string, image: ImageData, options: { pixelRatio: number; stretchX: [number, number][]; stretchY: [number, number][]; content: [number, number, number, number] }): void }, name: string, pixelRatio = Math.max(1, Math.round(window.devicePixelRatio || 1))): void {
  if (map.hasImage(name)) return;
  const size = 16 * pixelRatio;
  const radius = 4 * pixelRatio;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const c = canvas.getContext('2d', { willReadFrequently: true });
  if (!c) return;
  c.fillStyle = 'rgba(255, 255, 255, 0.92)';
  c.strokeStyle = 'rgba(0, 0, 0, 0.25)';
  c.lineWidth = pixelRatio;
  c.beginPath();
  c.roundRect(pixelRatio / 2, pixelRatio / 2, size - pixelRatio, size - pixelRatio, radius);
  c.fill();
  c.stroke();
  map.addImage(name, c.getImageData(0, 0, size, size), { pixelRatio, stretchX: [[radius, size - radius]], stretchY: [[radius, size - radius]], content: [radius, radius, size - radius, size - radius] });
}
