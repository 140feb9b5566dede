import CFB, { type CFB$Container } from 'cfb';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/**
 * What is inside a container file. A ZIP or an OLE compound file says nothing by its first bytes:
 * an installer (.msi), a Word file with macros and a 한글 document are all OLE; a Java archive, an
 * Office file with macros and an HWPX document are all ZIP. Each kind the upload accepts is proven
 * by the part its format requires, read with a ZIP reader (fflate) or a compound-file reader (cfb).
 */

/** Entries read to decide (a ZIP's mimetype or content-types part) are small; larger ones are not inflated. */
const MAX_PART_BYTES = 1024 * 1024;
/** Real documents have hundreds of entries at most; a directory claiming millions is refused unread. */
const MAX_ENTRIES = 20_000;

interface ZipParts {
  /** Entry names in the order of the archive's directory. */
  names: string[];
  parts: Record<string, Uint8Array>;
}

/** The directory of a ZIP and the few small entries asked for; null when it is no readable ZIP. */
function readZip(data: Buffer, wanted: (name: string) => boolean): ZipParts | null {
  const names: string[] = [];
  try {
    const parts = unzipSync(data, {
      filter(file) {
        if (names.push(file.name) > MAX_ENTRIES) throw new Error('too many entries');
        return wanted(file.name) && file.originalSize <= MAX_PART_BYTES;
      },
    });
    return { names, parts };
  } catch {
    return null;
  }
}

const utf8 = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder('utf-8', { fatal: false }).decode(bytes) : '');

/** HWPX (OWPML, KS X 6101): like EPUB, the archive's first entry is `mimetype`, naming the format. */
export function isHwpx(data: Buffer): boolean {
  const zip = readZip(data, (name) => name === 'mimetype');
  return !!zip && zip.names[0] === 'mimetype' && utf8(zip.parts.mimetype).includes('application/hwp+zip');
}

/** The main part's content type of each Office Open XML kind accepted (macro-enabled ones differ, and are refused). */
export const OOXML_MAIN = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
} as const;

export type OoxmlKind = keyof typeof OOXML_MAIN;

/** The `<Override PartName ContentType>` and `<Default ContentType>` of `[Content_Types].xml`; null if it is not XML. */
function contentTypes(xml: string): { overrides: Map<string, string>; all: string[] } | null {
  const overrides = new Map<string, string>();
  const all: string[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const type = tag.attributes.ContentType;
    if (typeof type !== 'string') return;
    all.push(type);
    const part = tag.attributes.PartName;
    if (tag.name === 'Override' && typeof part === 'string') overrides.set(part, type);
  });
  try {
    parser.write(xml).close();
  } catch {
    return null;
  }
  return { overrides, all };
}

/**
 * An Office Open XML package of exactly this kind: `[Content_Types].xml` names a main part of the
 * kind's content type, that part is in the archive, and nothing in it carries macros (a VBA
 * project, or a macro-enabled content type — a .docm renamed .docx).
 */
export function isOoxml(data: Buffer, kind: OoxmlKind): boolean {
  const zip = readZip(data, (name) => name === '[Content_Types].xml');
  const types = zip && contentTypes(utf8(zip.parts['[Content_Types].xml']));
  if (!zip || !types) return false;
  if (zip.names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name)) || types.all.some((type) => /macroenabled|vba/i.test(type))) return false;
  const names = new Set(zip.names);
  return [...types.overrides].some(([part, type]) => type === OOXML_MAIN[kind] && names.has(part.replace(/^\//, '')));
}

const HWP_SIGNATURE = 'HWP Document File';

/** HWP 5 (한글 97 and later's binary format): an OLE compound file whose root `FileHeader` stream begins with the signature. */
export function isHwp(data: Buffer): boolean {
  let container: CFB$Container;
  try {
    container = CFB.read(data, { type: 'buffer' });
  } catch {
    return false;
  }
  const index = container.FullPaths.findIndex((path, i) => container.FileIndex[i]?.type === 2 && /^[^/]+\/FileHeader$/.test(path));
  const header = container.FileIndex[index]?.content;
  return !!header && Buffer.from(header).subarray(0, HWP_SIGNATURE.length).toString('latin1') === HWP_SIGNATURE;
}
