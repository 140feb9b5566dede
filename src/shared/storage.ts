import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Where uploaded files live. Local disk today; an object store can implement the same three calls. */
export interface FileStorage {
  put(data: Buffer): Promise<string>;
  read(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;

/** The installation's attachments: `files/` in its data folder (the app, the worker and the seed alike). */
export function attachmentStorage(dataDir: string): FileStorage {
  return diskStorage(path.join(dataDir, 'files'));
}

/**
 * Files under `dir`, named by random keys (never by what the user called them). A file is written
 * to a temporary name, flushed and renamed, so a crash leaves either the whole file or none.
 */
export function diskStorage(dir: string): FileStorage {
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`Bad storage key ${key}`);
    return path.join(dir, key);
  };
  return {
    async put(data) {
      const name = randomBytes(16).toString('hex');
      const key = `${name.slice(0, 2)}/${name}`;
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const partial = `${target}.partial`;
      const handle = await open(partial, 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(partial, target);
      return key;
    },
    read: (key) => readFile(fileOf(key)),
    remove: (key) => rm(fileOf(key), { force: true }),
  };
}
