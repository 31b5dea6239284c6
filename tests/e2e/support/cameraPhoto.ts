/** A photo as a camera would give it, for the photo inputs of the station's forms. */
import type { Page } from 'playwright-core';

/** A 1600×1200 PNG drawn in the page, `label` written on it; pass to `setInputFiles`. */
export async function cameraPhoto(page: Page, label: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const base64 = await page.evaluate((text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 1200;
    const g = canvas.getContext('2d')!;
    const gradient = g.createLinearGradient(0, 0, 1600, 1200);
    gradient.addColorStop(0, '#6d7f8f');
    gradient.addColorStop(1, '#c9b48a');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 1600, 1200);
    g.fillStyle = '#222';
    g.beginPath();
    g.arc(800, 640, 260, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#fff';
    g.font = 'bold 120px sans-serif';
    g.fillText(text, 120, 200);
    return canvas.toDataURL('image/png').split(',')[1];
  }, label);
  return { name: `${label}.png`, mimeType: 'image/png', buffer: Buffer.from(base64, 'base64') };
}
