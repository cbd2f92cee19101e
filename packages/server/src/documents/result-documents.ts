import { type ApplicantKind, type LocalizedText, type RequestKind, Temporal } from '@ruqsat/core';
import type { DocumentSigner } from '@ruqsat/pki';
import { signPdf } from './pades.js';
import { PdfText, type SignatureFoot } from './pdf-text.js';
import { REQUEST_KIND_NAMES } from './receipt-pdf.js';

/** Who signed a result document, as its visible signature block shows them. */
export interface SignatureBlock {
  readonly signerName: string;
  readonly signerIin: string;
  readonly position: string;
  /** ISO instant; the PAdES signing time and the document's dates. */
  readonly signedAt: string;
}

/** The licensee or applicant: a person or sole entrepreneur (ИИН) or an organisation (БИН). */
export interface Party {
  readonly kind: ApplicantKind;
  readonly id: string;
  readonly name: string;
}

export interface LicenceDocument {
  readonly kind: 'licence' | 'reissued_licence' | 'duplicate' | 'licence_annex';
  /** e.g. KZ26-00000042-71 */
  readonly licenceNumber: string;
  /** The verification id the QR code points to. */
  readonly documentId: string;
  /** What the QR code encodes, e.g. https://host/verify/<documentId>. */
  readonly verificationUrl: string;
  /** YYYY-MM-DD, the date of this document. */
  readonly issuedOn: string;
  /** YYYY-MM-DD, the first issue of the licence. */
  readonly firstIssuedOn: string;
  readonly holder: Party;
  readonly service: LocalizedText;
  /** Kinds or subtypes of the activity (the annex's rows); may be empty. */
  readonly subtypes: readonly LocalizedText[];
  /** Places of activity; may be empty. */
  readonly places: readonly string[];
  readonly authority: LocalizedText;
  /** The regulation's title. */
  readonly legalBasis: LocalizedText;
  readonly applicationId: string;
  readonly signature: SignatureBlock;
}

export interface RefusalLetter {
  readonly outgoingNumber: string;
  readonly documentId: string;
  readonly verificationUrl: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly applicant: Party;
  readonly service: LocalizedText;
  readonly authority: LocalizedText;
  readonly requestKind: string;
  readonly applicationId: string;
  /** YYYY-MM-DD */
  readonly receivedOn: string;
  /** The official's motivated reasons, free text, possibly several lines. */
  readonly reasons: string;
  readonly legalBasis: LocalizedText;
  readonly signature: SignatureBlock;
}

type KkRu = { readonly kk: string; readonly ru: string };

const LICENCE_NAMES = {
  licence: { kk: 'Лицензия', ru: 'Лицензия' },
  reissued_licence: { kk: 'Лицензия', ru: 'Лицензия' },
  duplicate: { kk: 'Лицензия', ru: 'Лицензия' },
  licence_annex: { kk: 'Лицензияға қосымша', ru: 'Приложение к лицензии' },
} as const satisfies Record<LicenceDocument['kind'], KkRu>;

/** What the date of this very document is called. */
const DOCUMENT_DATE_LABELS = {
  licence: { kk: 'Берілген күні', ru: 'Дата выдачи' },
  reissued_licence: { kk: 'Қайта ресімделген күні', ru: 'Дата переоформления' },
  duplicate: { kk: 'Телнұсқаның берілген күні', ru: 'Дата выдачи дубликата' },
  licence_annex: { kk: 'Қосымшаның берілген күні', ru: 'Дата выдачи приложения' },
} as const satisfies Record<LicenceDocument['kind'], KkRu>;

const REFUSAL_NAME = { kk: 'Дәлелді бас тарту', ru: 'Мотивированный отказ' } as const;
const COUNTRY = { kk: 'Қазақстан Республикасы', ru: 'Республика Казахстан' } as const;

/** The note eGov puts on every electronic document: it is worth its paper counterpart. */
const ELECTRONIC_DOCUMENT_NOTE = {
  kk:
    'Осы құжат «Электрондық құжат және электрондық цифрлық қолтаңба туралы» 2003 жылғы 7 қаңтардағы ' +
    'Қазақстан Республикасы Заңының 7-бабының 1-тармағына сәйкес қағаз жеткізгіштегі құжатпен бірдей.',
  ru:
    'Данный документ согласно пункту 1 статьи 7 Закона Республики Казахстан от 7 января 2003 года ' +
    '«Об электронном документе и электронной цифровой подписи» равнозначен документу на бумажном носителе.',
} as const;

/**
 * A licence, its annex, a reissued licence or a duplicate: in Kazakh then Russian, with the QR
 * code of its verification page and the official's visible PAdES signature over its signature
 * block. Before signing, its bytes depend on `doc` only (dates fixed to the signing time).
 */
export async function signedLicencePdf(doc: LicenceDocument, signer: DocumentSigner): Promise<Uint8Array> {
  const name = LICENCE_NAMES[doc.kind];
  const pdf = await PdfText.create({
    title: `${both(name)} № ${doc.licenceNumber}`,
    language: 'kk-KZ',
    created: new Date(doc.signature.signedAt),
  });
  pdf.paragraph(both(COUNTRY), 9);
  pdf.paragraph(both(doc.authority), 9);
  pdf.gap(8);
  if (doc.kind === 'duplicate') pdf.heading('ТЕЛНҰСҚА / ДУБЛИКАТ', 13);
  pdf.heading(name.kk.toUpperCase(), 18);
  if (name.ru !== name.kk) pdf.heading(name.ru.toUpperCase(), 14);
  pdf.heading(`№ ${doc.licenceNumber}`, 13);
  if (doc.kind === 'reissued_licence') {
    const on = dayMonthYear(doc.issuedOn);
    pdf.paragraph(`Лицензия ${on} қайта ресімделген / Лицензия переоформлена ${on}`);
  }
  pdf.rule();
  pdf.row('Лицензиат / Лицензиат', party(doc.holder));
  pdf.row('Қызмет түрі / Вид деятельности', both(doc.service));
  if (doc.subtypes.length > 0) {
    pdf.row(
      'Қызмет түрінің кіші түрлері / Подвиды деятельности',
      doc.subtypes.map((subtype, i) => `${i + 1}. ${both(subtype)}`).join('\n'),
    );
  }
  if (doc.places.length > 0) {
    pdf.row('Қызметті жүзеге асыру орны / Место осуществления деятельности', doc.places.join('\n'));
  }
  pdf.row('Лицензиар / Лицензиар', both(doc.authority));
  pdf.row('Алғашқы берілген күні / Дата первичной выдачи', dayMonthYear(doc.firstIssuedOn));
  if (doc.kind !== 'licence') pdf.row(both(DOCUMENT_DATE_LABELS[doc.kind]), dayMonthYear(doc.issuedOn));
  pdf.row('Құқықтық негіз / Правовое основание', both(doc.legalBasis));
  pdf.row('Өтініш нөмірі / Номер заявления', doc.applicationId);
  pdf.row('Құжат сәйкестендіргіші / Идентификатор документа', doc.documentId);
  pdf.rule();
  pdf.paragraph(both(ELECTRONIC_DOCUMENT_NOTE), 7.5);
  const widget = pdf.signatureFoot(signatureFoot(doc.verificationUrl, doc.signature));
  return signPdf(pdf.doc, signer, {
    signingTime: new Date(doc.signature.signedAt),
    reason: `${both(name)} № ${doc.licenceNumber}`,
    location: both(COUNTRY),
    signerName: doc.signature.signerName,
    contactInfo: doc.verificationUrl,
    widget,
  });
}

/**
 * A motivated refusal (дәлелді бас тарту): the authority's letter with an outgoing number, the
 * application it answers, the official's reasons and the legal basis, QR code and visible PAdES
 * signature as on a licence.
 */
export async function signedRefusalPdf(letter: RefusalLetter, signer: DocumentSigner): Promise<Uint8Array> {
  const pdf = await PdfText.create({
    title: `${both(REFUSAL_NAME)} № ${letter.outgoingNumber}`,
    language: 'kk-KZ',
    created: new Date(letter.signature.signedAt),
  });
  const received = dayMonthYear(letter.receivedOn);
  const requestKind = REQUEST_KIND_NAMES[letter.requestKind as RequestKind];
  pdf.paragraph(both(COUNTRY), 9);
  pdf.paragraph(both(letter.authority), 9);
  pdf.rule();
  pdf.row('Шығыс нөмірі / Исходящий номер', letter.outgoingNumber);
  pdf.row('Күні / Дата', dayMonthYear(letter.date));
  pdf.row('Кімге / Кому', party(letter.applicant));
  pdf.gap(6);
  pdf.heading(both(REFUSAL_NAME), 15);
  pdf.paragraph(
    `${received} № ${letter.applicationId} өтінішті қарау нәтижесі бойынша мемлекеттік қызметті көрсетуден бас тартылады. / ` +
      `По результатам рассмотрения заявления № ${letter.applicationId} от ${received} в оказании государственной услуги отказано.`,
  );
  pdf.row('Қызмет / Услуга', both(letter.service));
  pdf.row('Өтініш түрі / Вид заявления', requestKind ? both(requestKind) : letter.requestKind);
  pdf.row('Өтініш нөмірі / Номер заявления', letter.applicationId);
  pdf.row('Қабылданған күні / Дата поступления', received);
  pdf.heading('Бас тарту себептері / Причины отказа', 11);
  pdf.paragraph(letter.reasons);
  pdf.row('Құқықтық негіз / Правовое основание', both(letter.legalBasis));
  pdf.paragraph(
    'Шешімге Қазақстан Республикасының заңнамасында белгіленген тәртіппен шағым жасалуы мүмкін. / ' +
      'Решение может быть обжаловано в порядке, установленном законодательством Республики Казахстан.',
    9,
  );
  pdf.rule();
  pdf.paragraph(both(ELECTRONIC_DOCUMENT_NOTE), 7.5);
  const widget = pdf.signatureFoot(signatureFoot(letter.verificationUrl, letter.signature));
  return signPdf(pdf.doc, signer, {
    signingTime: new Date(letter.signature.signedAt),
    reason: `${both(REFUSAL_NAME)} № ${letter.outgoingNumber}`,
    location: both(COUNTRY),
    signerName: letter.signature.signerName,
    contactInfo: letter.verificationUrl,
    widget,
  });
}

function signatureFoot(verificationUrl: string, signature: SignatureBlock): SignatureFoot {
  return {
    qr: { text: verificationUrl, caption: ['Тексеру / Проверка', verificationUrl] },
    box: {
      title: 'ЭЦҚ-мен қол қойылды / Подписано ЭЦП',
      lines: [
        signature.signerName,
        signature.position,
        `ЖСН/ИИН ${signature.signerIin}`,
        `Қол қойылған уақыты / Время подписания: ${almatyMinute(signature.signedAt)}`,
      ],
    },
  };
}

/** Kazakh first, then Russian, as state documents in Kazakhstan put them; once when they agree. */
function both(text: KkRu): string {
  return text.kk === text.ru ? text.kk : `${text.kk} / ${text.ru}`;
}

/** A person is named by their IIN (ЖСН), a sole entrepreneur too; an organisation by its BIN (БСН). */
function party(p: Party): string {
  return `${p.name}, ${p.kind === 'legal_entity' ? 'БСН/БИН' : 'ЖСН/ИИН'} ${p.id}`;
}

/** YYYY-MM-DD as dd.MM.yyyy, the way Kazakh documents print dates. */
function dayMonthYear(date: string): string {
  const d = Temporal.PlainDate.from(date);
  return `${pad(d.day)}.${pad(d.month)}.${d.year}`;
}

/** An instant as dd.MM.yyyy HH:mm in Almaty, the legal time of the signature. */
function almatyMinute(iso: string): string {
  const local = Temporal.Instant.from(iso).toZonedDateTimeISO('Asia/Almaty');
  return `${dayMonthYear(local.toPlainDate().toString())} ${pad(local.hour)}:${pad(local.minute)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
