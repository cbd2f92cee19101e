import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CertificationAuthority, type DocumentSigner, type KeyAlgorithmName, softwareSigner } from '@ruqsat/pki';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from './pades.js';
import { PdfText } from './pdf-text.js';
import { drawQrCode, QR_CODE } from './qr-code.js';
import { type LicenceDocument, type RefusalLetter, signedLicencePdf, signedRefusalPdf } from './result-documents.js';

/** 14:05 in Almaty (UTC+5). */
const SIGNED_AT = '2026-03-12T09:05:00Z';
/** Every letter Kazakh adds to Russian, in capitals… */
const HOLDER_NAME = 'ӘБІЛҚАЙЫРОВА ҒАЛИЯ ҚҰРМАНҚЫЗЫ ЖҰЛДЫЗ ҮМІТ ӨНЕР ҢҺ';
/** …and in small letters (ә ғ қ ң ө ұ ү һ і), over two lines as an official types them. */
const REASONS =
  'Өтініш берушінің дәріхана ғимаратына құқығын растайтын құжат ұсынылмаған, өндірістік база көрсетілмеген.\n' +
  'Үй-жайдағы жиһаз бен жабдықтың түрі санитариялық талаптарға сәйкес емес.';
const OFFICIAL = { iin: '850101300015', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' } as const;
const OFFICIAL_NAME = `${OFFICIAL.surname} ${OFFICIAL.name}`;
const URL_OF = (id: string) => `https://ruqsat.example.kz/verify/${id}`;

const signature = {
  signerName: OFFICIAL_NAME,
  signerIin: OFFICIAL.iin,
  position: 'Басқарма басшысының орынбасары / Заместитель руководителя управления',
  signedAt: SIGNED_AT,
} as const;

const licence: LicenceDocument = {
  kind: 'licence',
  licenceNumber: 'KZ26-00000042-71',
  documentId: '01JP3Q8W7ZK5V6T2M4N8R0S9XA',
  verificationUrl: URL_OF('01JP3Q8W7ZK5V6T2M4N8R0S9XA'),
  issuedOn: '2026-03-12',
  firstIssuedOn: '2026-03-12',
  holder: { kind: 'individual', id: '900517400013', name: HOLDER_NAME },
  service: { kk: 'Фармацевтикалық қызмет', ru: 'Фармацевтическая деятельность', en: 'Pharmaceutical activity' },
  subtypes: [
    {
      kk: 'Дәрілік заттарды бөлшек саудада өткізу',
      ru: 'Розничная реализация лекарственных средств',
      en: 'Retail sale of medicines',
    },
  ],
  places: ['Алматы қ., Әуезов ауданы, Жандосов көшесі, 58'],
  authority: {
    kk: 'Алматы қаласының Қоғамдық денсаулық сақтау басқармасы',
    ru: 'Управление общественного здравоохранения города Алматы',
    en: 'Almaty Public Health Department',
  },
  legalBasis: {
    kk: '«Рұқсаттар және хабарламалар туралы» Қазақстан Республикасының Заңы',
    ru: 'Закон Республики Казахстан «О разрешениях и уведомлениях»',
    en: 'Law on Permits and Notifications',
  },
  applicationId: 'KZ-2026-000123',
  signature,
};

const refusal: RefusalLetter = {
  outgoingNumber: 'ЗТ-2026-00017',
  documentId: '01JP3QA1B2C3D4E5F6G7H8J9KM',
  verificationUrl: URL_OF('01JP3QA1B2C3D4E5F6G7H8J9KM'),
  date: '2026-03-12',
  applicant: { kind: 'legal_entity', id: '150740012345', name: `ЖШС «${HOLDER_NAME}»` },
  service: licence.service,
  authority: licence.authority,
  requestKind: 'issue',
  applicationId: 'KZ-2026-000124',
  receivedOn: '2026-03-02',
  reasons: REASONS,
  legalBasis: licence.legalBasis,
  signature,
};

describe('signed result documents', () => {
  let dir: string;
  /** An NSS database trusting the test CAs, when `certutil` is there to make one. */
  let nssDir: string | undefined;
  const signers = {} as Record<KeyAlgorithmName, DocumentSigner>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-result-documents-'));
    const now = Date.now();
    // Valid both at the (fixed) signing time and now, whichever a verifier checks.
    const validity = {
      notBefore: new Date(Math.min(now, Date.parse(SIGNED_AT)) - 86_400_000),
      notAfter: new Date(Math.max(now, Date.parse(SIGNED_AT)) + 86_400_000),
    };
    const roots: string[] = [];
    for (const keyAlgorithm of ['rsa2048', 'ecdsaP256'] as const) {
      const ca = await CertificationAuthority.create({ name: `TEST NCA ${keyAlgorithm}`, keyAlgorithm, ...validity });
      const key = await ca.issue({
        person: OFFICIAL,
        employer: { bin: '990740000019', name: 'ДЕНСАУЛЫҚ САҚТАУ БАСҚАРМАСЫ', role: 'signingRight' },
        purpose: 'sign',
        keyAlgorithm,
        ...validity,
      });
      signers[keyAlgorithm] = softwareSigner(key);
      roots.push(ca.root.certificate.toString('pem'));
    }
    nssDir = await trustingNssDatabase(dir, roots);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const pdfsig = async (pdf: Uint8Array, name: string) => {
    const file = path.join(dir, name);
    await writeFile(file, pdf);
    // Not -no-ocsp: poppler 22 then reports "Unknown issue" for any certificate. These carry no
    // OCSP address, so nothing goes out to the network.
    const run = spawnSync('pdfsig', [...(nssDir ? ['-nssdir', nssDir] : []), file], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    return run.stdout;
  };
  const expectSignedBy = (report: string) => {
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain(`Signer Certificate Common Name: ${OFFICIAL_NAME}`);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signing Time: Mar 12 2026 09:05:00');
    expect(report).toContain('Total document signed');
    expect(report).toContain(
      nssDir
        ? 'Certificate Validation: Certificate is Trusted.'
        : "Certificate Validation: Certificate issuer isn't Trusted.",
    );
  };
  const everyDocumentSays = [
    'Тексеру / Проверка',
    'ЭЦҚ-мен қол қойылды / Подписано ЭЦП',
    OFFICIAL_NAME,
    `ЖСН/ИИН ${OFFICIAL.iin}`,
    '12.03.2026 14:05',
  ];

  it.each([
    { kind: 'licence', says: ['ЛИЦЕНЗИЯ'], holder: licence.holder },
    {
      kind: 'reissued_licence',
      says: ['Лицензия 12.03.2026 қайта ресімделген / Лицензия переоформлена 12.03.2026', '20.01.2025'],
      holder: licence.holder,
    },
    {
      kind: 'duplicate',
      says: ['ТЕЛНҰСҚА / ДУБЛИКАТ', 'ЛИЦЕНЗИЯ'],
      holder: { kind: 'sole_entrepreneur', id: '900517400013', name: `ЖК ${HOLDER_NAME}` },
    },
    {
      kind: 'licence_annex',
      says: ['ЛИЦЕНЗИЯҒА ҚОСЫМША ПРИЛОЖЕНИЕ К ЛИЦЕНЗИИ', '1. Дәрілік заттарды бөлшек саудада өткізу'],
      holder: { kind: 'legal_entity', id: '150740012345', name: `ЖШС «${HOLDER_NAME}»` },
    },
  ] as const)('signs a $kind that pdfsig accepts and pdftotext reads in Kazakh and Russian', async (c) => {
    const doc: LicenceDocument = {
      ...licence,
      kind: c.kind,
      holder: c.holder,
      firstIssuedOn: c.kind === 'licence' ? licence.issuedOn : '2025-01-20',
    };
    const pdf = await signedLicencePdf(doc, signers.rsa2048);
    expectSignedBy(await pdfsig(pdf, `${c.kind}.pdf`));
    const text = pdfText(pdf);
    const idLabel = c.holder.kind === 'legal_entity' ? 'БСН/БИН' : 'ЖСН/ИИН';
    for (const words of [
      HOLDER_NAME,
      `${idLabel} ${c.holder.id}`,
      doc.licenceNumber,
      doc.verificationUrl,
      doc.applicationId,
      'Фармацевтикалық қызмет / Фармацевтическая деятельность',
      'Алматы қ., Әуезов ауданы, Жандосов көшесі, 58',
      ...everyDocumentSays,
      ...c.says,
    ]) {
      expect(text).toContain(words);
    }
    if (c.kind !== 'duplicate') expect(text).not.toContain('ДУБЛИКАТ');
  });

  it('signs a motivated refusal with the reasons as the official wrote them', async () => {
    for (const letter of 'әғқңөұүһі') expect(REASONS).toContain(letter);
    const pdf = await signedRefusalPdf(refusal, signers.rsa2048);
    expectSignedBy(await pdfsig(pdf, 'refusal.pdf'));
    const text = pdfText(pdf);
    for (const words of [
      'Дәлелді бас тарту / Мотивированный отказ',
      refusal.outgoingNumber,
      refusal.applicationId,
      refusal.verificationUrl,
      `ЖШС «${HOLDER_NAME}», БСН/БИН 150740012345`,
      'Лицензия алу / Получение лицензии',
      '02.03.2026',
      oneLine(REASONS),
      ...everyDocumentSays,
    ]) {
      expect(text).toContain(words);
    }
  });

  it('signs with an ECDSA P-256 key too', async () => {
    const pdf = await signedLicencePdf(licence, signers.ecdsaP256);
    expectSignedBy(await pdfsig(pdf, 'licence-ecdsa.pdf'));
    expect(verifyWithOpenssl(pdf).status).toBe(0);
  });

  it('is invalid once one signed byte changes, in either signed range', async () => {
    const pdf = await signedLicencePdf(licence, signers.rsa2048);
    const { ranges } = signedParts(pdf);
    // Before the hole: a byte of the binary comment on the header's second line. After it: a
    // digit of the signing time (M follows Contents in the signature dictionary).
    const signingTimeDigit = Buffer.from(pdf).indexOf('/M (D:') + '/M (D:'.length;
    for (const [range, at] of [
      [0, 10],
      [1, signingTimeDigit],
    ] as const) {
      const [start, length] = ranges[range] ?? [0, 0];
      expect(at >= start && at < start + length).toBe(true);
      const tampered = Uint8Array.from(pdf);
      tampered[at] = tampered[at] === 0x30 ? 0x31 : 0x30;
      const report = await pdfsig(tampered, 'tampered.pdf');
      expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)\./);
    }
  });

  it('carries a CMS that openssl verifies over the signed ranges, PAdES B-B: no signing-time attribute', async () => {
    const pdf = await signedLicencePdf(licence, signers.rsa2048);
    const verified = verifyWithOpenssl(pdf);
    expect([verified.status, verified.stderr.trim()]).toEqual([0, 'CMS Verification successful']);
    const { cms, room } = signedParts(pdf);
    // The hole for the signature is sized from the certificates: it fits, without kilobytes to spare.
    expect(room - cms.length).toBeGreaterThan(0);
    expect(room - cms.length).toBeLessThan(1024);
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER'], {
      input: cms,
    }).toString();
    expect(printed).toContain('id-smime-aa-signingCertificateV2');
    expect(printed).toContain('messageDigest');
    expect(printed).not.toContain('signingTime');
  });

  it.each([
    { length: 'one-page', places: licence.places },
    {
      length: 'longer',
      places: Array.from({ length: 45 }, (_, i) => `Алматы қ., Әуезов ауданы, Жандосов көшесі, ${i + 1}`),
    },
  ])('puts the visible signature over the signature block of a $length licence, with time and name', async (c) => {
    const pdf = await signedLicencePdf({ ...licence, places: c.places }, signers.rsa2048);
    expectSignedBy(await pdfsig(pdf, 'pages.pdf'));
    const doc = await PDFDocument.load(pdf);
    const pages = doc.getPageCount();
    expect(pages > 1).toBe(c.length === 'longer');
    const [widget] = doc.getForm().getFields()[0]?.acroField.getWidgets() ?? [];
    const sig = widget?.dict.lookup(PDFName.of('V'), PDFDict);
    expect(sig?.lookup(PDFName.of('SubFilter'))).toEqual(PDFName.of('ETSI.CAdES.detached'));
    expect(sig?.lookup(PDFName.of('M'), PDFString).decodeDate()).toEqual(new Date(SIGNED_AT));
    expect(sig?.lookup(PDFName.of('Name'), PDFString).decodeText()).toBe(OFFICIAL_NAME);
    const last = doc.getPage(pages - 1);
    expect(widget?.P()).toBe(last.ref);

    // Where poppler finds the box's first word, in PDF coordinates (y up from the bottom).
    const rect = widget?.getRectangle();
    const word = wordBox(pdf, pages, 'ЭЦҚ-мен', last.getHeight());
    expect(rect && word && word.x >= rect.x && word.x <= rect.x + rect.width).toBe(true);
    expect(rect && word && word.y >= rect.y && word.y <= rect.y + rect.height).toBe(true);
  });

  it('reads back every letter of a document made after others that used letters built of the same glyphs', async () => {
    // The fonts are parsed once and shared: Cyrillic "В", "Е", "Н", "С" are composites of Latin
    // glyphs, and a document using them first must not leave the Latin letters without characters.
    // Each line in the regular font (a paragraph) and in bold (a heading), short enough not to wrap.
    const make = async (...lines: string[]) => {
      const text = await PdfText.create({ title: 'Хат / Письмо', language: 'kk-KZ', created: new Date(SIGNED_AT) });
      for (const line of lines) text.paragraph(line);
      for (const line of lines) text.heading(line, 9);
      return pdfText(await text.bytes()).trim();
    };
    const cyrillic = 'ВЕНСАКМОРТХ весна КӘСІПКЕР';
    // Latin words with ligatures (fi, ffi, fl) read back as their letters.
    const latin = 'BEHCAKMOPTX ABCDEFGHIJKLMNOPQRSTUVWXYZ first office flow';
    const url = 'https://ruqsat.example.kz/verify/01JP3QA1B2C3D4E5F6G7H8J9KM';
    expect(await make(cyrillic)).toBe(`${cyrillic} ${cyrillic}`);
    expect(await make(latin, url)).toBe(`${latin} ${url} ${latin} ${url}`);
    expect(await make(cyrillic, latin)).toBe(`${cyrillic} ${latin} ${cyrillic} ${latin}`);
  });

  it('signs a PDF given as bytes', async () => {
    const text = await PdfText.create({ title: 'Хат / Письмо', language: 'kk-KZ', created: new Date(SIGNED_AT) });
    text.paragraph('Құжат / Документ');
    const pdf = await signPdf(await text.bytes(), signers.ecdsaP256, {
      signingTime: new Date(SIGNED_AT),
      reason: 'Тексеру (сынақ) / Проверка',
      location: 'Астана',
      signerName: OFFICIAL_NAME,
      widget: { pageIndex: 0, rect: [56, 56, 256, 116] },
    });
    expectSignedBy(await pdfsig(pdf, 'bytes.pdf'));
    expect(pdfText(pdf)).toContain('Құжат / Документ');
    // Parentheses and Kazakh letters survive in the dictionary's text strings.
    const [widget] = (await PDFDocument.load(pdf)).getForm().getFields()[0]?.acroField.getWidgets() ?? [];
    const reason = widget?.dict.lookup(PDFName.of('V'), PDFDict).lookup(PDFName.of('Reason'), PDFString);
    expect(reason?.decodeText()).toBe('Тексеру (сынақ) / Проверка');
  });

  it('makes the same bytes from the same input (RSA signatures are deterministic)', async () => {
    const [a, b] = [await signedLicencePdf(licence, signers.rsa2048), await signedLicencePdf(licence, signers.rsa2048)];
    expect(Buffer.compare(a, b)).toBe(0);
    const [c, d] = [await signedRefusalPdf(refusal, signers.rsa2048), await signedRefusalPdf(refusal, signers.rsa2048)];
    expect(Buffer.compare(c, d)).toBe(0);
  });
});

describe('drawQrCode', () => {
  it('draws the modules of the QR code, quiet zone included, that poppler renders back', async () => {
    const url = URL_OF('01JP3Q8W7ZK5V6T2M4N8R0S9XA');
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const side = modules.size + 2 * QR_CODE.quietZoneModules;
    // Four points a module, rendered at 72 dpi: four pixels a module, sampled at their centres.
    const doc = await PDFDocument.create();
    drawQrCode(doc.addPage([side * 4, side * 4]), url, { x: 0, y: 0, size: side * 4 });
    const image = renderGray(await doc.save());
    expect([image.width, image.height]).toEqual([side * 4, side * 4]);
    const dark = (row: number, column: number) => image.pixel(column * 4 + 2, row * 4 + 2) < 128;
    for (let row = 0; row < side; row += 1) {
      for (let column = 0; column < side; column += 1) {
        const inside = (i: number) => i - QR_CODE.quietZoneModules;
        const module =
          Math.min(row, column) >= QR_CODE.quietZoneModules && Math.max(row, column) < side - QR_CODE.quietZoneModules
            ? modules.get(inside(row), inside(column)) === 1
            : false;
        expect(dark(row, column), `module ${row},${column}`).toBe(module);
      }
    }
  });
});

/** The text of a PDF as poppler's pdftotext reads it, whitespace collapsed. */
function pdfText(pdf: Uint8Array): string {
  return oneLine(execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8'));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * The signed byte ranges ([start, length] pairs), the CMS in the /Contents hole trimmed of its
 * padding, and the size of the hole in bytes.
 */
function signedParts(pdf: Uint8Array): { ranges: [number, number][]; signed: Buffer; cms: Buffer; room: number } {
  const bytes = Buffer.from(pdf);
  const match = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(bytes.toString('latin1'));
  if (!match) throw new Error('no /ByteRange');
  const [a, b, c, d] = match.slice(1).map(Number) as [number, number, number, number];
  const padded = Buffer.from(bytes.subarray(a + b + 1, c - 1).toString('latin1'), 'hex');
  return {
    ranges: [
      [a, b],
      [c, d],
    ],
    signed: Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]),
    cms: padded.subarray(0, derLength(padded)),
    room: padded.length,
  };
}

/** The length of the DER element at the start of `der`, header included. */
function derLength(der: Buffer): number {
  const first = der[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  return 2 + octets + der.subarray(2, 2 + octets).reduce((n, byte) => n * 256 + byte, 0);
}

function verifyWithOpenssl(pdf: Uint8Array): { status: number | null; stderr: string } {
  const { signed, cms } = signedParts(pdf);
  const dir = mkdtempSync(path.join(tmpdir(), 'ruqsat-cms-'));
  try {
    writeFileSync(path.join(dir, 'signed.bin'), signed);
    const run = spawnSync(
      'openssl',
      ['cms', '-verify', '-binary', '-inform', 'DER', '-content', path.join(dir, 'signed.bin'), '-noverify'],
      { input: cms, encoding: 'utf8', stdio: ['pipe', 'ignore', 'pipe'] },
    );
    return { status: run.status, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The lower-left corner of `word` on page `page` (from 1), from `pdftotext -bbox`. */
function wordBox(
  pdf: Uint8Array,
  page: number,
  word: string,
  pageHeight: number,
): { x: number; y: number } | undefined {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', `${page}`, '-l', `${page}`, '-', '-'], {
    input: pdf,
  }).toString('utf8');
  const match = new RegExp(`<word xMin="([\\d.]+)" yMin="[\\d.]+" xMax="[\\d.]+" yMax="([\\d.]+)">${word}</word>`).exec(
    html,
  );
  return match ? { x: Number(match[1]), y: pageHeight - Number(match[2]) } : undefined;
}

/** A one-page PDF rendered by pdftoppm in grey, without anti-aliasing, as binary PGM. */
function renderGray(pdf: Uint8Array): { width: number; height: number; pixel(x: number, y: number): number } {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '72', '-aa', 'no', '-aaVector', 'no', '-singlefile', '-'], {
    input: pdf,
  });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  return { width, height, pixel: (x, y) => pixels[y * width + x] ?? 0 };
}

/** A fresh NSS database that trusts `roots` for signatures; undefined when certutil is missing. */
async function trustingNssDatabase(dir: string, roots: readonly string[]): Promise<string | undefined> {
  if (spawnSync('certutil', ['-H']).error) return undefined;
  const nss = path.join(dir, 'nss');
  await mkdir(nss);
  execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
  for (const [i, pem] of roots.entries()) {
    const file = path.join(dir, `root-${i}.pem`);
    await writeFile(file, pem);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', `test root ${i}`, '-t', 'C,C,C', '-i', file]);
  }
  return nss;
}
