import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';

const require = createRequire(import.meta.url);
/** DejaVu Sans has every Kazakh letter (ә ғ қ ң ө ұ ү һ і) in regular and bold. */
const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;
const fontBytes = new Map<string, Promise<Uint8Array>>();

const A4 = [595.28, 841.89] as const;
const MARGIN = 56;

/**
 * A document of text in Kazakh and Russian on A4 pages, top to bottom, with the fonts embedded
 * (subset) so that any PDF reader shows and `pdftotext` reads back every letter. Just enough
 * layout for receipts and letters: headings, paragraphs wrapped at the margin, label–value rows.
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
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const [regular, bold] = await Promise.all([
      doc.embedFont(await fontFile(FONT_FILES.regular), { subset: true }),
      doc.embedFont(await fontFile(FONT_FILES.bold), { subset: true }),
    ]);
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

  #draw(text: string, x: number, y: number, font: PDFFont, size: number): void {
    this.#page.drawText(text, { x, y: y - size, font, size, color: rgb(0, 0, 0) });
  }

  /** A new page when what comes next does not fit above the bottom margin. */
  #room(height: number): void {
    if (this.#y - height >= MARGIN) return;
    this.#page = this.doc.addPage([...A4]);
    this.#y = A4[1] - MARGIN;
  }
}

/** Words on lines no wider than `width`; a word longer than a line is cut. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut -= 1;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

function fontFile(file: string): Promise<Uint8Array> {
  let bytes = fontBytes.get(file);
  if (!bytes) {
    bytes = readFile(file).then((b) => new Uint8Array(b));
    fontBytes.set(file, bytes);
  }
  return bytes;
}
