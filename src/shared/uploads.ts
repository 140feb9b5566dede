import { createHash } from 'node:crypto';
import { type FileTypeResult, fileTypeFromBuffer } from 'file-type';
import { isHwp, isHwpx, isOoxml } from './containers.ts';
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

/** What administrations exchange: PDF and images, recognised by their first bytes. */
const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/**
 * … and 한글 (HWP, HWPX) and Office files: containers (OLE, ZIP) that many other things are too, so
 * each is accepted only under its own extension and only when its inside proves it (containers.ts).
 * `sniffed` is what file-type may call a genuine one.
 */
const CONTAINERS: Record<string, { mime: string; sniffed: string[]; holds: (data: Buffer) => boolean }> = {
  hwp: { mime: 'application/x-hwp', sniffed: ['cfb'], holds: isHwp },
  hwpx: { mime: 'application/hwp+zip', sniffed: ['zip'], holds: isHwpx },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sniffed: ['zip', 'docx'], holds: (d) => isOoxml(d, 'docx') },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sniffed: ['zip', 'xlsx'], holds: (d) => isOoxml(d, 'xlsx') },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', sniffed: ['zip', 'pptx'], holds: (d) => isOoxml(d, 'pptx') },
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

function acceptedType(data: Buffer, extension: string, detected: FileTypeResult | undefined): string | undefined {
  if (!detected) return undefined;
  const container = Object.hasOwn(CONTAINERS, extension) ? CONTAINERS[extension] : undefined;
  if (!container) return ACCEPTED[detected.ext];
  return container.sniffed.includes(detected.ext) && container.holds(data) ? container.mime : undefined;
}

/**
 * The type is read from the content, never trusted from the name: a renamed .exe is refused, and so
 * is a ZIP or OLE file that is not the document its extension names (an .msi called .hwp, a macro
 * workbook called .xlsx, any ZIP called .hwpx).
 */
export async function checkUpload(upload: Upload, field: string): Promise<CheckedUpload> {
  if (upload.truncated || upload.data.length > MAX_UPLOAD_BYTES) throw new ValidationError({ [field]: 'upload.tooLarge' });
  if (upload.data.length === 0) throw new ValidationError({ [field]: 'upload.empty' });
  const filename = cleanName(upload.filename);
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  const mime = acceptedType(upload.data, extension, await fileTypeFromBuffer(upload.data));
  if (!mime) throw new ValidationError({ [field]: 'upload.typeRefused' });
  return { filename, mime, data: upload.data, sha256: createHash('sha256').update(upload.data).digest('hex') };
}
