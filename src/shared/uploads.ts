import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { ValidationError } from './errors.ts';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** A file as the form parser hands it over. */
export interface Upload {
  filename: string;
  data: Buffer;
  /** Longer than MAX_UPLOAD_BYTES: only the start was kept. */
  truncated: boolean;
}

export interface CheckedUpload {
  filename: string;
  mime: string;
  data: Buffer;
  sha256: string;
}

/** What administrations exchange: PDF, 한글 (HWP, HWPX), Office files and images. */
const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

export function isUpload(value: unknown): value is Upload {
  return !!value && typeof value === 'object' && Buffer.isBuffer((value as Upload).data);
}

/** The file's name without any folder part or control characters, at most 150 characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return [...cleaned].slice(-150).join('') || 'file';
}

/**
 * The type is read from the content, never trusted from the name: a renamed .exe is refused.
 * HWP files are OLE compound documents and HWPX files zip archives; those two containers are
 * accepted only under their own extension.
 */
export async function checkUpload(upload: Upload, field: string): Promise<CheckedUpload> {
  if (upload.truncated || upload.data.length > MAX_UPLOAD_BYTES) throw new ValidationError({ [field]: 'upload.tooLarge' });
  if (upload.data.length === 0) throw new ValidationError({ [field]: 'upload.empty' });
  const filename = cleanName(upload.filename);
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  const detected = await fileTypeFromBuffer(upload.data);
  let mime = detected ? ACCEPTED[detected.ext] : undefined;
  if (detected?.ext === 'cfb' && extension === 'hwp') mime = 'application/x-hwp';
  if (detected?.ext === 'zip' && extension === 'hwpx') mime = 'application/hwp+zip';
  if (!mime) throw new ValidationError({ [field]: 'upload.typeRefused' });
  return { filename, mime, data: upload.data, sha256: createHash('sha256').update(upload.data).digest('hex') };
}
