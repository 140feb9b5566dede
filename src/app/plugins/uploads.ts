import { finished } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { UnreadableFormError } from '../../shared/errors.ts';
import { MAX_UPLOAD_BYTES, type Upload } from '../../shared/uploads.ts';
import { CsrfError } from './csrf.ts';

/** Files read at once by one process; more wait their turn, so uploads hold at most this × MAX_UPLOAD_BYTES. */
export const CONCURRENT_UPLOADS = 4;

/** A counting semaphore: `acquire` resolves with the function that gives the slot back (once). */
function slots(size: number) {
  let free = size;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return async (): Promise<() => void> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    let released = false;
    return () => {
      if (!released) release();
      released = true;
    };
  };
}

/**
 * Forms with a file post multipart: files are read into memory (at most one, MAX_UPLOAD_BYTES; a
 * larger one arrives truncated so the service can say so beside the field) and the body is
 * flattened to the same shape as an ordinary form, so CSRF checks and form parsing see no difference.
 * A body that cannot be read — no boundary, cut short, malformed, more parts than allowed — is
 * answered with a 400 or 413 page that says so, never a 500: every route that takes a form takes
 * multipart too, so the one reading is here.
 *
 * Permission comes before memory: a file is read only for a signed-in person whose form carried a
 * valid CSRF token in a field before the file (every form of ours puts `_csrf` first); anyone else is
 * refused before a byte of the file is read. At most CONCURRENT_UPLOADS files are held at once; each
 * slot is given back when the response is finished or the connection ends.
 */
export async function uploads(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 200, fieldSize: 200_000 },
  });
  const uploadSlot = slots(CONCURRENT_UPLOADS);
  app.addHook('preValidation', async (request, reply) => {
    if (!request.isMultipart()) return;
    const body: Record<string, unknown> = Object.create(null);
    const add = (name: string, value: unknown) => {
      const earlier = body[name];
      body[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
    };
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          add(part.fieldname, part.value);
          continue;
        }
        // The database away: nobody is known to accept a file from. It is read past, not kept, and
        // marked, so the page that gives the post back says to choose it again; later fields still come.
        if (request.sessionUnavailable) {
          part.file.resume();
          await finished(part.file);
          add(part.fieldname, { dropped: part.filename });
          continue;
        }
        if (request.actor.kind !== 'user' || !request.csrfAccepts(body._csrf)) {
          // The fields read so far (a message typed above its attachment) are kept by the refusal.
          request.body = body;
          throw new CsrfError();
        }
        const release = await uploadSlot();
        reply.raw.once('close', release);
        const data = await part.toBuffer();
        // A file input left empty still sends a part, with no name and no bytes: that is no file.
        if (!part.filename && data.length === 0) continue;
        const upload: Upload = { filename: part.filename, data, truncated: part.file.truncated };
        add(part.fieldname, upload);
      }
    } catch (error) {
      if (error instanceof CsrfError) throw error;
      request.log.info({ err: error }, 'unreadable multipart form');
      throw new UnreadableFormError((error as { statusCode?: number }).statusCode === 413);
    }
    request.body = body;
  });
}
