import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strToU8 } from 'fflate';
import { hwp, hwpx, MACRO_DOC, MSI, ooxml, oleFile, PDF, PLAIN_ZIP, xlsxWorkbook } from '../../test/documents.ts';
import { ValidationError } from './errors.ts';
import { checkUpload } from './uploads.ts';

const upload = (filename: string, data: Buffer) => ({ filename, data, truncated: false });

async function accepted(filename: string, data: Buffer): Promise<string> {
  return (await checkUpload(upload(filename, data), 'file')).mime;
}

async function refused(filename: string, data: Buffer): Promise<void> {
  const error = await checkUpload(upload(filename, data), 'file').then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof ValidationError, `${filename} should be refused, got ${String(error)}`);
  assert.deepEqual(error.fields, { file: 'upload.typeRefused' });
}

describe('upload types, read from the inside of containers', () => {
  it('accepts real HWP, HWPX, DOCX, XLSX and PPTX files under their own names', async () => {
    assert.equal(await accepted('사업계획.hwp', hwp()), 'application/x-hwp');
    assert.equal(await accepted('사업계획.HWPX', hwpx()), 'application/hwp+zip');
    assert.equal(await accepted('제안서.docx', ooxml('docx')), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(await accepted('명단.xlsx', ooxml('xlsx')), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(await accepted('내보내기.xlsx', await xlsxWorkbook()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(await accepted('발표.pptx', ooxml('pptx')), 'application/vnd.openxmlformats-officedocument.presentationml.presentation');
    assert.equal(await accepted('계획.pdf', PDF), 'application/pdf');
  });

  it('refuses an OLE file named .hwp unless it holds an HWP FileHeader', async () => {
    await refused('설치.hwp', MSI());
    await refused('매크로.hwp', MACRO_DOC());
    await refused('서명.hwp', hwp('HWP Document Fake'));
    await refused('깊은곳.hwp', oleFile({ 'Sub/FileHeader': Buffer.from('HWP Document File') }));
    await refused('깨진.hwp', Buffer.concat([hwp().subarray(0, 512), Buffer.alloc(100, 0xff)]));
    await refused('압축.hwp', hwpx());
  });

  it('refuses a ZIP named .hwpx unless its first entry is the HWPX mimetype', async () => {
    await refused('압축.hwpx', PLAIN_ZIP());
    await refused('표.hwpx', await xlsxWorkbook());
    await refused('전자책.hwpx', hwpx({ mimetype: 'application/epub+zip' }));
    await refused('순서.hwpx', hwpx({ mimetypeLast: true }));
    await refused('문서.hwpx', hwp());
  });

  it('refuses a ZIP named .docx, .xlsx or .pptx unless it is an Office package of that kind without macros', async () => {
    await refused('표.docx', await xlsxWorkbook());
    await refused('문서.xlsx', ooxml('docx'));
    await refused('문서.pptx', ooxml('docx'));
    await refused('압축.docx', PLAIN_ZIP());
    await refused('한글.docx', hwpx());
    await refused('매크로.docx', ooxml('docx', { mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml', extra: { 'word/vbaProject.bin': strToU8('vba') } }));
    await refused('매크로.xlsx', ooxml('xlsx', { mainType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml' }));
    await refused('숨은매크로.docx', ooxml('docx', { extra: { 'word/vbaProject.bin': strToU8('vba') } }));
    await refused('빈껍데기.docx', ooxml('docx', { withoutMain: true }));
    await refused('잘린.docx', ooxml('docx').subarray(0, 200));
    await refused('옛문서.docx', MACRO_DOC());
    await refused('겹친.docx', Buffer.concat([PDF, ooxml('docx')]));
  });

  it('refuses a container under another accepted name, and a document under a container name', async () => {
    await refused('계획.pdf', ooxml('docx'));
    await refused('사진.png', hwp());
    await refused('계획.docx', PDF);
  });
});
