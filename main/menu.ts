/**
 * The application menu: standard edit/view roles (copy and paste must work in forms) plus the
 * help entries district IT asks for on the phone: open the log folder, check for updates.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { t } from '../core/i18n';

export interface MenuActions {
  openLogFolder: () => void;
  checkForUpdates: () => void;
}

export function appMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    { label: t('shell:menu.file'), submenu: [{ role: 'quit', label: t('shell:menu.quit') }] },
    { label: t('shell:menu.edit'), role: 'editMenu' },
    { label: t('shell:menu.view'), submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    {
      label: t('shell:menu.help'),
      submenu: [
        { label: t('shell:menu.openLogFolder'), click: () => actions.openLogFolder() },
        { label: t('shell:menu.checkForUpdates'), click: () => actions.checkForUpdates() },
      ],
    },
  ];
}
