/**
 * Where a release goes so the stations' update URL serves it: a folder for any static web
 * server (nginx, IIS, `npx serve`), or the attachments of one document in a CouchDB database
 * (the default update URL, `<district server>/gl-releases/app/`).
 */
import { copyFile, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nano from 'nano';
import { RELEASE_DATABASE } from '../../ipc/contract';
import { withoutLogin, type AdminLogin } from '../adminLogin';
import { basicAuth } from '../connection';
import { ensureReleaseDatabase } from '../systemDatabases';

export interface FeedTarget {
  /** For messages: the folder or the document URL. */
  readonly location: string;
  readText(name: string): Promise<string | null>;
  /** Feed files: must replace the old one in one step, so a client never reads half a file. */
  writeText(name: string, text: string): Promise<void>;
  putArtifact(localFile: string, name: string): Promise<void>;
  list(): Promise<string[]>;
}

export function folderTarget(dir: string): FeedTarget {
  const root = resolve(dir);
  return {
    location: root,
    async readText(name) {
      try {
        return await readFile(join(root, name), 'utf8');
      } catch {
        return null;
      }
    },
    async writeText(name, text) {
      await mkdir(root, { recursive: true });
      const temp = join(root, `.${name}.${process.pid}.tmp`);
      await writeFile(temp, text);
      await rename(temp, join(root, name));
    },
    async putArtifact(localFile, name) {
      await mkdir(root, { recursive: true });
      const destination = join(root, name);
      if (resolve(localFile) === destination) return;
      // Copy under a temp name first: a half-copied installer must never carry the real name.
      const temp = join(root, `.${name}.${process.pid}.tmp`);
      await copyFile(localFile, temp);
      await rename(temp, destination);
    },
    async list() {
      try {
        return await readdir(root);
      } catch {
        return [];
      }
    },
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.deb': 'application/vnd.debian.binary-package',
  '.blockmap': 'application/octet-stream',
};

/**
 * `docUrl` like `http://couch:5984/gl-releases/app`, with the admin's login given apart (the
 * CLI takes it from the environment or a prompt, district/adminLogin.ts). CouchDB replaces an
 * attachment atomically (new revision), which is what feed files need.
 */
export function couchTarget(docUrl: string, login?: AdminLogin): FeedTarget {
  const url = new URL(docUrl);
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments.length !== 2) throw new Error(`expected <server>/<database>/<document>, got ${withoutLogin(url)}`);
  const [dbName, docId] = segments as [string, string];
  const user = login?.user ?? decodeURIComponent(url.username);
  const password = login?.password ?? decodeURIComponent(url.password);
  const server = nano({ url: `${url.protocol}//${url.host}`, headers: user ? { Authorization: basicAuth(user, password) } : {} });
  const db = server.use(dbName);
  const location = `${url.protocol}//${url.host}/${dbName}/${docId}/`;

  const currentRev = async (): Promise<string | undefined> => {
    try {
      // The document body holds only attachment stubs, so reading it is cheap.
      return (await db.get(docId))._rev;
    } catch {
      return undefined;
    }
  };
  // The district's feed database is created closed (units read, district admins write); another
  // database named on the command line is the operator's own.
  const ensureDatabase = async (): Promise<void> => {
    if (dbName === RELEASE_DATABASE) return ensureReleaseDatabase(server);
    try {
      await server.db.get(dbName);
    } catch {
      await server.db.create(dbName);
    }
  };
  const put = async (name: string, data: Buffer): Promise<void> => {
    const extension = name.slice(name.lastIndexOf('.')).toLowerCase();
    const rev = await currentRev();
    await db.attachment.insert(docId, name, data, CONTENT_TYPES[extension] ?? 'application/octet-stream', rev ? { rev } : {});
  };

  return {
    location,
    async readText(name) {
      try {
        return (await db.attachment.get(docId, name)).toString('utf8');
      } catch {
        return null;
      }
    },
    async writeText(name, text) {
      await ensureDatabase();
      await put(name, Buffer.from(text, 'utf8'));
    },
    async putArtifact(localFile, name) {
      await ensureDatabase();
      await put(name, await readFile(localFile));
    },
    async list() {
      try {
        const doc = (await db.get(docId)) as { _attachments?: Record<string, unknown> };
        return Object.keys(doc._attachments ?? {});
      } catch {
        return [];
      }
    },
  };
}
