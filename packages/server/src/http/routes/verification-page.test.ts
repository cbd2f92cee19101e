import { RuqsatError } from '@ruqsat/core';
import { describe, expect, it } from 'vitest';
import type { Verification } from '../../registry/verification.js';
import { verificationPage, verificationRefusal } from './verification-page.js';

const NUMBER = 'KZ26-00000042-71';

const found: Verification = {
  document: {
    id: 'doc-<1>',
    kind: 'licence',
    licenceNumber: NUMBER,
    outgoingNumber: null,
    issuedOn: '2026-11-30',
    signedAt: '2026-11-30T10:15:00.000Z',
    signerName: 'ЖАҚСЫБЕКОВА ДИНАРА',
    sha256: 'c9f8',
    current: true,
  },
  licence: {
    number: NUMBER,
    serviceId: 'casino',
    serviceName: { kk: 'Казино қызметі', ru: 'Деятельность казино', en: 'Casino activity' },
    authorityId: 'mcs-sport-committee',
    authorityName: { kk: 'Спорт комитеті', ru: 'Комитет по делам спорта', en: 'Sport committee' },
    holder: { kind: 'legal_entity', id: '150740012345', name: '«ALMATY <GAMING>» ЖШС' },
    subtypes: [],
    places: [],
    status: 'active',
    firstIssuedOn: '2026-11-30',
    updatedAt: '2026-11-30T10:15:00.000Z',
    currentDocumentId: 'doc-<1>',
  },
  history: [
    {
      sequence: 1,
      change: 'issued',
      statusAfter: 'active',
      legalGround: 'Заявление DEMO-0039',
      documentId: 'doc-<1>',
      at: '2026-11-30T10:15:00.000Z',
    },
  ],
  signature: {
    indication: 'TOTAL_PASSED',
    subIndication: null,
    policy: 'ruqsat-cades-bes/1',
    validatedAt: '2026-11-30T10:15:00.000Z',
    signer: { name: 'ЖАҚСЫБЕКОВА ДИНАРА', organisation: 'Спорт комитеті', bin: '010940000123' },
    checks: [{ id: 'chain', outcome: 'passed' }],
  },
};

describe('the verification page a QR code opens', () => {
  it('says the status first, then the signature’s verdict and its signer, in the language asked', () => {
    const html = verificationPage(found, 'kk');
    expect(html).toContain('<html lang="kk">');
    const status = html.indexOf('ҚОЛДАНЫСТА');
    const verdict = html.indexOf('Қолтаңба жарамды');
    expect(status).toBeGreaterThan(0);
    expect(verdict).toBeGreaterThan(status);
    expect(html).toContain('ЖАҚСЫБЕКОВА ДИНАРА');
    expect(html).toContain('010940000123');
    // Almaty time (UTC+5), as the document prints it.
    expect(html).toContain('30.11.2026, 15:15');
    expect(verificationPage(found, 'ru')).toContain('ДЕЙСТВУЕТ');
    expect(verificationPage(found, 'en')).toContain('The signature is valid');
  });

  it('offers the three languages as plain links and links the licence into the web app’s registry', () => {
    const html = verificationPage(found, 'ru');
    expect(html).toContain('<a href="?lang=kk" lang="kk" hreflang="kk">Қазақша</a>');
    expect(html).toContain('<a href="?lang=ru" lang="ru" hreflang="ru" aria-current="true">Русский</a>');
    expect(html).toContain(`href="/registry/licences/${NUMBER}?lang=ru"`);
    expect(html).toContain('Открыть запись в реестре');
  });

  it('runs no script and escapes what the registry holds', () => {
    const html = verificationPage(found, 'en');
    expect(html).not.toMatch(/<script|\son\w+=|style="/i);
    expect(html).toContain('«ALMATY &#60;GAMING&#62;» ЖШС');
    expect(html).not.toContain('<GAMING>');
  });

  it('warns that a replaced document is no longer the licence’s, and says a failed signature plainly', () => {
    const replaced = verificationPage(
      {
        ...found,
        document: { ...(found.document as NonNullable<Verification['document']>), current: false },
        signature: { ...(found.signature as NonNullable<Verification['signature']>), indication: 'TOTAL_FAILED' },
      },
      'ru',
    );
    expect(replaced).toContain('role="alert">Вместо этого документа выдан новый');
    expect(replaced).toContain('Подпись недействительна');
    expect(replaced).not.toContain('Подпись действительна');
  });

  it('tells an unknown document in the reader’s language, in the same frame', () => {
    const html = verificationRefusal(new RuqsatError('REGISTRY_ENTRY_NOT_FOUND', {}), 'kk');
    expect(html).toContain('Тізілімде мұндай лицензия немесе құжат жоқ.');
    expect(html).toContain('href="/registry?lang=kk"');
  });
});
