/** Values fixed when the app is built (electron.vite.config.ts `define`). */
declare const __GRIDLINK_UPDATE_PUBLIC_KEY__: string | null | undefined;

/** The district's release public key (PEM), or null in a build without one: updates stay off. */
export const UPDATE_PUBLIC_KEY: string | null = typeof __GRIDLINK_UPDATE_PUBLIC_KEY__ === 'string' ? __GRIDLINK_UPDATE_PUBLIC_KEY__ : null;
