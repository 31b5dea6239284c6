/** Line icons for the navigation: drawn here (24×24, stroke = currentColor) to ship no icon font. */
import type { ReactNode } from 'react';

export type IconName = 'workorders' | 'mediation' | 'grids' | 'staff' | 'components' | 'stats' | 'sync' | 'brand' | 'inbox' | 'search';

const PATHS: Record<IconName, ReactNode> = {
  workorders: (
    <>
      <rect x="5" y="4" width="14" height="17" rx="2" />
      <path d="M9 4.5V3h6v1.5M8.5 10h7M8.5 13.5h7M8.5 17h4" />
    </>
  ),
  mediation: (
    <>
      <path d="M3.5 6.5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2H9l-3.5 3v-3a2 2 0 0 1-2-2z" />
      <path d="M18 9h.5a2 2 0 0 1 2 2v4.5a2 2 0 0 1-2 2v2.5l-3-2.5H12" />
    </>
  ),
  grids: (
    <>
      <rect x="3.5" y="3.5" width="17" height="17" rx="1.5" />
      <path d="M3.5 12h17M12 3.5v17M8 3.5v8.5M3.5 16h8.5" />
    </>
  ),
  staff: (
    <>
      <circle cx="12" cy="8" r="3.5" />
      <path d="M5 20c.6-3.6 3.3-5.5 7-5.5s6.4 1.9 7 5.5" />
    </>
  ),
  components: (
    <>
      <path d="M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0c0 5.4-6.5 11-6.5 11z" />
      <circle cx="12" cy="10" r="2.5" />
    </>
  ),
  stats: (
    <>
      <path d="M4 20.5h16" />
      <rect x="5.5" y="12" width="3" height="6" rx=".5" />
      <rect x="10.5" y="7" width="3" height="11" rx=".5" />
      <rect x="15.5" y="10" width="3" height="8" rx=".5" />
    </>
  ),
  sync: (
    <>
      <path d="M19.5 8.5A8 8 0 0 0 5 7.2M4.5 15.5A8 8 0 0 0 19 16.8" />
      <path d="M19.8 4v4.6h-4.6M4.2 20v-4.6h4.6" />
    </>
  ),
  brand: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="3" />
      <path d="M3 9.5h18M3 15h18M9.5 3v18M15 3v18" />
    </>
  ),
  inbox: (
    <>
      <path d="M3.5 13.5 6 5.5h12l2.5 8v5a1.5 1.5 0 0 1-1.5 1.5H5a1.5 1.5 0 0 1-1.5-1.5z" />
      <path d="M3.5 13.5H8.5l1 2h5l1-2h5" />
    </>
  ),
  search: (
    <>
      <circle cx="10.5" cy="10.5" r="6" />
      <path d="m15 15 5.5 5.5" />
    </>
  ),
};

export function Icon({ name, size = 22 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
