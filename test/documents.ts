import CFB from 'cfb';
import { strToU8, type Zippable, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { OOXML_MAIN, type OoxmlKind } from '../src/shared/containers.ts';

/**
 * Small real files of each container kind the upload accepts, made with the same libraries that
 * read them, and the imposters that share their container: what a browser would send.
 */

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const zip = (entries: Zippable) => Buffer.from(zipSync(entries));

function contentTypes(overrides: [part: string, type: string][]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('') +
    '</Types>'
  );
}

const MAIN_PART: Record<OoxmlKind, string> = { docx: 'word/document.xml', xlsx: 'xl/workbook.xml', pptx: 'ppt/presentation.xml' };

/** A minimal Office Open XML package of `kind`; `mainType` lets a test swap the main part's content type (a macro-enabled one). */
export function ooxml(kind: OoxmlKind, options: { mainType?: string; extra?: Zippable; withoutMain?: boolean } = {}): Buffer {
  const main = MAIN_PART[kind];
  const entries: Zippable = {
    '[Content_Types].xml': strToU8(contentTypes([[`/${main}`, options.mainType ?? OOXML_MAIN[kind]]])),
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`,
    ),
    ...(options.withoutMain ? {} : { [main]: strToU8('<?xml version="1.0"?><document>협업 계획</document>') }),
    ...options.extra,
  };
  return zip(entries);
}

/** A real workbook, written by the library the exports use. */
export async function xlsxWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('기관').addRow(['기관', '수요']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** HWPX: `mimetype` first and stored, then the OWPML parts. */
export function hwpx(options: { mimetype?: string; mimetypeLast?: boolean } = {}): Buffer {
  const mimetype: Zippable = { mimetype: [strToU8(options.mimetype ?? 'application/hwp+zip'), { level: 0 }] };
  const rest: Zippable = {
    'version.xml': strToU8('<?xml version="1.0"?><hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version"/>'),
    'Contents/header.xml': strToU8('<?xml version="1.0"?><hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head"/>'),
    'Contents/section0.xml': strToU8('<?xml version="1.0"?><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section"/>'),
  };
  return zip(options.mimetypeLast ? { ...rest, ...mimetype } : { ...mimetype, ...rest });
}

/** An OLE compound file with these streams (paths under the root). */
export function oleFile(streams: Record<string, Buffer>): Buffer {
  const container = CFB.utils.cfb_new();
  for (const [path, content] of Object.entries(streams)) CFB.utils.cfb_add(container, path, content);
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/** HWP 5: the 256-byte FileHeader (signature, version 5.1.0.1, no flags) and a DocInfo stream. */
export function hwp(signature = 'HWP Document File'): Buffer {
  const header = Buffer.alloc(256);
  header.write(signature, 0, 'latin1');
  header.writeUInt32LE(0x05010001, 32);
  return oleFile({ FileHeader: header, DocInfo: Buffer.from('docinfo'), 'BodyText/Section0': Buffer.from('body') });
}

/** What else is an OLE file: a Word 97 document with a macro, and an installer database. */
export const MACRO_DOC = () => oleFile({ WordDocument: Buffer.alloc(600, 1), '1Table': Buffer.alloc(600, 2), 'Macros/VBA/ThisDocument': Buffer.from('Sub AutoOpen()') });
export const MSI = () => oleFile({ '\u0005SummaryInformation': Buffer.alloc(600, 3), '\u4840\u3f3f\u4577\u446c\u3b6a\u45e4\u4824': Buffer.alloc(600, 4) });

/** Any ZIP at all. */
export const PLAIN_ZIP = () => zip({ 'readme.txt': strToU8('not a document') });
