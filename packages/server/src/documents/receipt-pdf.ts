import type { LocalizedText, RequestKind } from '@ruqsat/core';
import { almatyTime } from '../applications/history-words.js';
import type { Receipt } from '../centre/intake-service.js';
import { PdfText } from './pdf-text.js';

/** What the receipt names besides the intake record: in the state language and in Russian. */
export interface ReceiptContext {
  readonly centreName: LocalizedText;
  readonly serviceName: LocalizedText;
  readonly authorityName: LocalizedText;
  /** The documents accepted, by id, with their names. */
  readonly documents: readonly { readonly id: string; readonly name: LocalizedText }[];
}

/** The request kinds as a receipt names them. */
export const REQUEST_KIND_NAMES: Readonly<Record<RequestKind, LocalizedText>> = {
  issue: { kk: 'Лицензия алу', ru: 'Получение лицензии', en: 'Issue of a licence' },
  reissue: { kk: 'Лицензияны қайта ресімдеу', ru: 'Переоформление лицензии', en: 'Reissue of a licence' },
  reissue_reorganisation: {
    kk: 'Заңды тұлғаны қайта ұйымдастыру кезінде лицензияны қайта ресімдеу',
    ru: 'Переоформление лицензии при реорганизации юридического лица',
    en: 'Reissue of a licence on reorganisation of the legal entity',
  },
  duplicate: { kk: 'Лицензияның телнұсқасын алу', ru: 'Получение дубликата лицензии', en: 'Duplicate of a licence' },
};

/**
 * The receipt (тізілімдеме / расписка) a walk-in applicant takes home: who accepted what and when,
 * the application number, and the date the result is planned for — in Kazakh, then Russian, as the
 * centres print it. Its bytes depend on the receipt only (dates fixed to the acceptance).
 */
export async function receiptPdf(receipt: Receipt, context: ReceiptContext): Promise<Uint8Array> {
  const pdf = await PdfText.create({
    title: `Тізілімдеме / Расписка ${receipt.applicationId}`,
    language: 'kk-KZ',
    created: new Date(receipt.acceptedAt),
  });
  const both = (text: LocalizedText) => `${text.kk} / ${text.ru}`;
  pdf.paragraph(both(context.centreName), 9);
  pdf.heading('Құжаттарды қабылдау туралы қолхат (тізілімдеме)');
  pdf.heading('Расписка о приёме документов', 12);
  pdf.rule();
  pdf.row('Өтініш нөмірі / Номер заявления', receipt.applicationId);
  pdf.row('Қызмет / Услуга', both(context.serviceName));
  pdf.row(
    'Өтініш түрі / Вид заявления',
    both(
      REQUEST_KIND_NAMES[receipt.requestKind as RequestKind] ?? {
        kk: receipt.requestKind,
        ru: receipt.requestKind,
        en: receipt.requestKind,
      },
    ),
  );
  pdf.row('Лицензиар / Лицензиар', both(context.authorityName));
  pdf.row(
    'Өтініш беруші / Заявитель',
    `${receipt.applicant.name} (${receipt.applicant.kind === 'legal_entity' ? 'БСН/БИН' : 'ЖСН/ИИН'} ${receipt.applicant.id})`,
  );
  pdf.row('Қабылданған уақыты / Дата и время приёма', almatyTime(receipt.acceptedAt));
  pdf.row('Тіркелген күні / Дата регистрации', receipt.registrationDate);
  pdf.row('Нәтиже беру күні / Дата выдачи результата', receipt.plannedResultDate);
  pdf.rule();
  pdf.heading('Қабылданған құжаттар / Принятые документы', 11);
  receipt.paperDocuments.forEach((id, i) => {
    const document = context.documents.find((d) => d.id === id);
    pdf.paragraph(`${i + 1}. ${document ? both(document.name) : id}`);
  });
  pdf.rule();
  pdf.row('Қабылдаған қызметкер / Принял работник', receipt.operator.name);
  pdf.paragraph(
    'Өтініш қызметкердің ЭЦҚ-мен куәландырылып, лицензиарға электрондық түрде жолданды. / ' +
      'Заявление удостоверено ЭЦП работника и направлено лицензиару в электронном виде.',
    9,
  );
  if (receipt.handedOver) {
    pdf.row(
      'Нәтиже берілді / Результат выдан',
      `${almatyTime(receipt.handedOver.at)}, ЖСН/ИИН ${receipt.handedOver.toIin}`,
    );
  }
  return pdf.bytes();
}
