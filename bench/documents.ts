// Licence PDFs generated and PAdES-signed (documents/result-documents.ts, as the result issuer makes
// them: Kazakh and Russian text, the QR code, a visible signature by an official's RSA key from a
// CA in NCA's layout), one after the other in this process, counted per second of CPU time — per
// core, whatever of the signing runs on libuv's threads. The baseline, in the same run: the same
// key signing a detached CMS over the bytes of one such PDF — what any signed document costs at the
// least; the ratio says what the PDF around the signature costs on top.
import { Temporal } from '@ruqsat/core';
import { CertificationAuthority, softwareSigner } from '@ruqsat/pki';
import { type LicenceDocument, signedLicencePdf } from '../packages/server/src/documents/result-documents.js';

/** The official who signs the licences. */
const OFFICIAL = { iin: '850101300014', surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' } as const;

/** The issue's target: signed licence PDFs per second per core. */
export const DOCUMENTS_TARGET_PER_CORE = 50;

export interface Throughput {
  readonly count: number;
  /** Per second of the process's CPU time (user and system): per core. */
  readonly perCpuSecond: number;
  /** Per second of wall time. */
  readonly perSecond: number;
  readonly bytes: number;
}

export interface DocumentFigures {
  readonly baseline: Throughput;
  readonly licences: Throughput;
  readonly met: boolean;
}

export async function benchDocuments(options: { readonly count: number }): Promise<DocumentFigures> {
  const now = Date.now();
  const ca = await CertificationAuthority.create({
    name: 'BENCH NCA',
    notBefore: new Date(now - 86_400_000),
    notAfter: new Date(now + 365 * 86_400_000),
  });
  const key = await ca.issue({
    person: OFFICIAL,
    purpose: 'sign',
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(now + 86_400_000),
  });
  const signer = softwareSigner({ ...key, chain: [ca.intermediate.certificate] });
  const sample = await signedLicencePdf(licence(0), signer);
  // Warm both alike before measuring either.
  await throughput(20, () => signer.sign(sample, new Date(), { signingTimeAttribute: false }));
  await throughput(20, (i) => signedLicencePdf(licence(i), signer));
  const baseline = await throughput(options.count, () =>
    signer.sign(sample, new Date(), { signingTimeAttribute: false }),
  );
  const licences = await throughput(options.count, (i) => signedLicencePdf(licence(i + 1000), signer));
  return { baseline, licences, met: licences.perCpuSecond >= DOCUMENTS_TARGET_PER_CORE };
}

async function throughput(count: number, make: (i: number) => Promise<Uint8Array>): Promise<Throughput> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < count; i++) bytes += (await make(i)).byteLength;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const seconds = (performance.now() - started) / 1000;
  return { count, perCpuSecond: count / cpuSeconds, perSecond: count / seconds, bytes: bytes / count };
}

/** The i-th licence of a run: each its own number, document id and holder. */
function licence(i: number): LicenceDocument {
  const n = String(i).padStart(8, '0');
  const documentId = `01JBENCH${n}${'0'.repeat(10)}`.slice(0, 26);
  const signedAt = Temporal.Now.instant().toString();
  return {
    kind: 'licence',
    licenceNumber: `KZ26-${n}-71`,
    documentId,
    verificationUrl: `https://ruqsat.bench.test/verify/${documentId}`,
    issuedOn: signedAt.slice(0, 10),
    firstIssuedOn: signedAt.slice(0, 10),
    holder: { kind: 'legal_entity', id: '150740012345', name: `ЖШС «ҚАЗАҚ ОЙЫН ОРТАЛЫҒЫ ${i}»` },
    service: { kk: 'Казино қызметі', ru: 'Деятельность казино', en: 'Casino activity' },
    subtypes: [],
    places: ['Алматы облысы, Қапшағай қ., Жібек жолы көшесі, 50'],
    authority: {
      kk: 'Қазақстан Республикасы Туризм және спорт министрлігі',
      ru: 'Министерство туризма и спорта Республики Казахстан',
      en: 'Ministry of Tourism and Sports of the Republic of Kazakhstan',
    },
    legalBasis: {
      kk: '«Рұқсаттар және хабарламалар туралы» Қазақстан Республикасының Заңы',
      ru: 'Закон Республики Казахстан «О разрешениях и уведомлениях»',
      en: 'Law on Permits and Notifications',
    },
    applicationId: `KZ-2026-${n}`,
    signature: {
      signerName: `${OFFICIAL.surname} ${OFFICIAL.name}`,
      signerIin: OFFICIAL.iin,
      position: 'Департамент басшысы / Руководитель департамента',
      signedAt,
    },
  };
}
