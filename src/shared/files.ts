import { linkSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Creates `file` holding `content` (file mode `mode`) only if it does not exist; false when it does.
 * Written whole beside it under this process's name and linked into place: link(2) fails on an
 * existing file as `O_EXCL` does, but a file created with `O_EXCL` is empty until written, and
 * another process reading it then sees no content (a lock's holder taken for dead; a secret read
 * as empty).
 */
export function createWhole(file: string, content: string, mode = 0o666): boolean {
  const whole = `${file}.${process.pid}`;
  writeFileSync(whole, content, { mode });
  try {
    linkSync(whole, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(whole, { force: true });
  }
}
