import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { MAX_UPLOAD_BYTES, type Upload } from '../../shared/uploads.ts';

interface FieldPart {
  type: 'field';
  value: unknown;
}

/**
 * Forms with a file post multipart: files are read into memory (at most one, MAX_UPLOAD_BYTES; a
 * larger one arrives truncated so the service can say so beside the field) and the body is
 * flattened to the same shape as an ordinary form, so CSRF checks and form parsing see no difference.
 */
export async function uploads(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 200, fieldSize: 200_000 },
    async onFile(part: MultipartFile) {
      const data = await part.toBuffer();
      // A file input left empty still sends a part, with no name and no bytes: that is no file.
      if (!part.filename && data.length === 0) return;
      const upload: Upload = { filename: part.filename, data, truncated: part.file.truncated };
      (part as unknown as { value: Upload }).value = upload;
    },
  });
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart() || !request.body || typeof request.body !== 'object') return;
    const flat: Record<string, unknown> = {};
    for (const [name, part] of Object.entries(request.body as Record<string, FieldPart | FieldPart[]>)) {
      const value = Array.isArray(part) ? part.map((p) => p.value) : part.value;
      if (value !== undefined) flat[name] = value;
    }
    request.body = flat;
  });
}
