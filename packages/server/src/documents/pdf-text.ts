import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { deflateNatively } from './native-deflate.js';
import { drawQrCode } from './qr-code.js';
import { embedSharedFont } from './shared-fonts.js';

const A4 = [595.28, 841.89] as const;
const MARGIN = 56;
/** The foot of a signed document: the QR code on the left, the signature box on the right. */
const FOOT = {
  qrSize: 90,
  captionSize: 7,
  boxWidth: 220,
  /** Between the caption's column and the box. */
  columnGap: 16,
  boxPadding: 7,
  boxTextSize: 8.5,
  /** Between the box's title and its lines. */
  titleGap: 3,
  leading: 1.3,
  /** The blue of a stamp, so the signature reads as a mark on the document rather than its text. */
  boxColor: rgb(0.12, 0.23, 0.55),
} as const;

/** The closing block of a signed document, kept together on one page. */
export interface SignatureFoot {
  /** What the QR code encodes, and the caption printed under it. */
  readonly qr: { readonly text: string; readonly caption: readonly string[] };
  /** The signature box: a bold title, then the signer's lines. */
  readonly box: { readonly title: string; readonly lines: readonly string[] };
}

/** Where a box was drawn, in PDF user space ([x1, y1, x2, y2], lower-left first). */
export interface PlacedBox {
  readonly pageIndex: number;
  readonly rect: readonly [number, number, number, number];
}

/**
 * A document of text in Kazakh and Russian on A4 pages, top to bottom, with the fonts embedded
 * (subset) so that any PDF reader shows and `pdftotext` reads back every letter. Just enough
 * layout for receipts, letters and licences: headings, paragraphs wrapped at the margin, label–value
 * rows, and the foot of a signed document (QR code and signature box).
 */
export class PdfText {
  #page: PDFPage;
  #y: number;

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.#page = doc.addPage([...A4]);
    this.#y = A4[1] - MARGIN;
  }

  /** A new document; `created` fixes its dates so the same content makes the same bytes. */
  static async create(meta: { title: string; language: string; created: Date }): Promise<PdfText> {
    deflateNatively();
    const doc = await PDFDocument.create();
    // One after the other: each embedding is handed its parsed font through the document's fontkit.
    const regular = await embedSharedFont(doc, 'regular');
    const bold = await embedSharedFont(doc, 'bold');
    doc.setTitle(meta.title);
    doc.setLanguage(meta.language);
    doc.setCreator('Ruqsat');
    doc.setProducer('Ruqsat');
    doc.setCreationDate(meta.created);
    doc.setModificationDate(meta.created);
    return new PdfText(doc, regular, bold);
  }

  heading(text: string, size = 14): void {
    this.#lines(text, this.bold, size, 1.3);
    this.#y -= size * 0.4;
  }

  paragraph(text: string, size = 10): void {
    this.#lines(text, this.regular, size, 1.35);
    this.#y -= size * 0.5;
  }

  /** A row: the label in bold on the left third, the value wrapped on the rest. */
  row(label: string, value: string, size = 10): void {
    const labelWidth = (A4[0] - 2 * MARGIN) * 0.38;
    const valueX = MARGIN + labelWidth + 8;
    const labelLines = wrap(label, this.bold, size, labelWidth);
    const valueLines = wrap(value, this.regular, size, A4[0] - MARGIN - valueX);
    const height = Math.max(labelLines.length, valueLines.length) * size * 1.35;
    this.#room(height);
    for (const [i, line] of labelLines.entries()) this.#draw(line, MARGIN, this.#y - i * size * 1.35, this.bold, size);
    for (const [i, line] of valueLines.entries())
      this.#draw(line, valueX, this.#y - i * size * 1.35, this.regular, size);
    this.#y -= height + size * 0.3;
  }

  rule(): void {
    this.#room(12);
    this.#page.drawLine({
      start: { x: MARGIN, y: this.#y },
      end: { x: A4[0] - MARGIN, y: this.#y },
      thickness: 0.5,
      color: rgb(0.6, 0.6, 0.6),
    });
    this.#y -= 12;
  }

  /** Some space before what comes next. */
  gap(height: number): void {
    this.#y -= height;
  }

  /**
   * The QR code with its caption on the left and the framed signature box on the right, both on
   * one page. Returns where the box is: the visible signature's widget goes exactly there.
   */
  signatureFoot(foot: SignatureFoot): PlacedBox {
    const captionWidth = A4[0] - 2 * MARGIN - FOOT.boxWidth - FOOT.columnGap;
    const innerWidth = FOOT.boxWidth - 2 * FOOT.boxPadding;
    const captionLine = FOOT.captionSize * FOOT.leading;
    const boxLine = FOOT.boxTextSize * FOOT.leading;
    const caption = foot.qr.caption.flatMap((text) => wrap(text, this.regular, FOOT.captionSize, captionWidth));
    const title = wrap(foot.box.title, this.bold, FOOT.boxTextSize, innerWidth);
    const lines = foot.box.lines.flatMap((text) => wrap(text, this.regular, FOOT.boxTextSize, innerWidth));
    const leftHeight = FOOT.qrSize + caption.length * captionLine;
    const boxHeight = 2 * FOOT.boxPadding + (title.length + lines.length) * boxLine + FOOT.titleGap;
    const height = Math.max(leftHeight, boxHeight);
    this.#room(height);
    const top = this.#y;

    drawQrCode(this.#page, foot.qr.text, { x: MARGIN, y: top - FOOT.qrSize, size: FOOT.qrSize });
    caption.forEach((line, i) => {
      this.#draw(line, MARGIN, top - FOOT.qrSize - i * captionLine, this.regular, FOOT.captionSize);
    });

    const x = A4[0] - MARGIN - FOOT.boxWidth;
    this.#page.drawRectangle({
      x,
      y: top - boxHeight,
      width: FOOT.boxWidth,
      height: boxHeight,
      borderColor: FOOT.boxColor,
      borderWidth: 1,
    });
    let y = top - FOOT.boxPadding;
    for (const line of title) {
      this.#draw(line, x + FOOT.boxPadding, y, this.bold, FOOT.boxTextSize, FOOT.boxColor);
      y -= boxLine;
    }
    y -= FOOT.titleGap;
    for (const line of lines) {
      this.#draw(line, x + FOOT.boxPadding, y, this.regular, FOOT.boxTextSize, FOOT.boxColor);
      y -= boxLine;
    }

    this.#y = top - height - 12;
    return {
      pageIndex: this.doc.getPages().indexOf(this.#page),
      rect: [x, top - boxHeight, x + FOOT.boxWidth, top],
    };
  }

  async bytes(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: false });
  }

  #lines(text: string, font: PDFFont, size: number, leading: number): void {
    for (const line of wrap(text, font, size, A4[0] - 2 * MARGIN)) {
      this.#room(size * leading);
      this.#draw(line, MARGIN, this.#y, font, size);
      this.#y -= size * leading;
    }
  }

  #draw(text: string, x: number, y: number, font: PDFFont, size: number, color = rgb(0, 0, 0)): void {
    this.#page.drawText(text, { x, y: y - size, font, size, color });
  }

  /** A new page when what comes next does not fit above the bottom margin. */
  #room(height: number): void {
    if (this.#y - height >= MARGIN) return;
    this.#page = this.doc.addPage([...A4]);
    this.#y = A4[1] - MARGIN;
  }
}

/**
 * Words on lines no wider than `width`; a word longer than a line is cut. Each word is measured
 * once and the widths added up (pdf-lib sums glyph advances, so they add across a space): laying
 * out the growing line again for every word made wrapping most of a licence's build time.
 */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const measure = (s: string) => font.widthOfTextAtSize(s, size);
  const space = measure(' ');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordWidth = measure(word);
      if (line && lineWidth + space + wordWidth <= width) {
        line = `${line} ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      [line, lineWidth] = [word, wordWidth];
      while (lineWidth > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut)) > width) cut -= 1;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
        lineWidth = measure(line);
      }
    }
    lines.push(line);
  }
  return lines;
}
