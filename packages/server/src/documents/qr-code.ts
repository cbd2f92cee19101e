import { fill, type PDFPage, popGraphicsState, pushGraphicsState, rectangle, setFillingGrayscaleColor } from 'pdf-lib';
import QRCode from 'qrcode';

export const QR_CODE = {
  /** M restores a code with up to 15 % of it smudged or torn, which a printed licence may well be. */
  errorCorrectionLevel: 'M',
  /** ISO/IEC 18004 asks for four light modules around the symbol; readers fail without them. */
  quietZoneModules: 4,
} as const;

/** The dark and light modules of the QR code of `text`, row by row (true is dark). */
function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_CODE.errorCorrectionLevel });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, column) => modules.get(row, column) === 1),
  );
}

/**
 * Draws the QR code of `text` as vector squares (no raster image, so it stays sharp at any zoom
 * and in print): a white square of `size` points with its lower-left corner at `x`, `y`, the
 * quiet zone included, and the dark modules in black. Each run of dark modules in a row is one
 * rectangle, which keeps the content stream small.
 */
export function drawQrCode(page: PDFPage, text: string, at: { x: number; y: number; size: number }): void {
  const rows = qrModules(text);
  const module = at.size / (rows.length + 2 * QR_CODE.quietZoneModules);
  const left = at.x + QR_CODE.quietZoneModules * module;
  const top = at.y + at.size - QR_CODE.quietZoneModules * module;
  const operators = [
    pushGraphicsState(),
    setFillingGrayscaleColor(1),
    rectangle(at.x, at.y, at.size, at.size),
    fill(),
    setFillingGrayscaleColor(0),
  ];
  for (const [row, modules] of rows.entries()) {
    for (const run of darkRuns(modules)) {
      operators.push(rectangle(left + run.start * module, top - (row + 1) * module, run.length * module, module));
    }
  }
  operators.push(fill(), popGraphicsState());
  page.pushOperators(...operators);
}

/** Where the dark modules of a row lie, as runs of consecutive ones. */
function darkRuns(modules: readonly boolean[]): { start: number; length: number }[] {
  const runs: { start: number; length: number }[] = [];
  modules.forEach((dark, column) => {
    if (!dark) return;
    const last = runs.at(-1);
    if (last && last.start + last.length === column) last.length += 1;
    else runs.push({ start: column, length: 1 });
  });
  return runs;
}
