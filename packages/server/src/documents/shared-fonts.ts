import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit, { type Font, type Glyph, type GlyphRun } from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);
/** DejaVu Sans has every Kazakh letter (ә ғ қ ң ө ұ ү һ і) in regular and bold. */
const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;
const parsedFonts = new Map<string, Promise<Font>>();

/**
 * The font embedded in a document as a subset of its own, made from the font parsed once per
 * process. pdf-lib asks its fontkit to parse the bytes it is given; here it is handed the parsed font.
 */
export async function embedSharedFont(doc: PDFDocument, weight: keyof typeof FONT_FILES): Promise<PDFFont> {
  const font = await parsedFont(FONT_FILES[weight]);
  doc.registerFontkit({ create: () => font });
  return doc.embedFont(new Uint8Array(0), { subset: true });
}

/**
 * Each font file parsed once per process and shared by every document. Parsing DejaVu Sans again
 * and decoding its layout tables was a third of what a licence cost. One thing must be done before
 * sharing: fontkit keeps one glyph object per glyph, with the characters it was first made for,
 * and a subset makes the components of a composite glyph (Latin "B" inside Cyrillic "В") with
 * none — a later document's "B" would then carry no character in its ToUnicode map, and read back
 * as a space. So every glyph of the character map is made first, from its character — except the
 * ligatures' own code points (ﬁ, ﬂ…): a ligature glyph must be made by the shaping that forms it,
 * with the letters it stands for, or "first" would read back as "ﬁrst".
 */
function parsedFont(file: string): Promise<Font> {
  let font = parsedFonts.get(file);
  if (!font) {
    font = readFile(file).then((bytes) => {
      const parsed = fontkit.create(new Uint8Array(bytes));
      keepOutlines(parsed);
      for (const codePoint of parsed.characterSet) {
        if (!isPresentationForm(codePoint)) parsed.glyphForCodePoint(codePoint);
      }
      keepLayouts(parsed);
      return parsed;
    });
    parsedFonts.set(file, font);
  }
  return font;
}

/** Alphabetic presentation forms (U+FB00–FB4F): the ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ and their kin. */
function isPresentationForm(codePoint: number): boolean {
  return codePoint >= 0xfb00 && codePoint <= 0xfb4f;
}

/** Enough for the words and lines of every kind of document and many names; emptied when full. */
const LAYOUTS_KEPT = 50_000;

/**
 * Each text's layout kept across documents. fontkit runs the font's substitution and positioning
 * features for every call — pdf-lib calls it for every word measured and every line drawn — and
 * that was most of what a licence cost, for words and lines that come back in every document.
 * A layout depends only on the text (and on features, which pdf-lib never passes here); pdf-lib
 * reads the glyphs of a run and changes nothing in it, and the glyph objects are the font's own,
 * shared already.
 */
function keepLayouts(font: Font): void {
  const layout = font.layout.bind(font);
  const kept = new Map<string, GlyphRun>();
  font.layout = (text, features) => {
    if (features !== undefined) return layout(text, features);
    let run = kept.get(text);
    if (!run) {
      run = layout(text);
      if (kept.size >= LAYOUTS_KEPT) kept.clear();
      kept.set(text, run);
    }
    return run;
  };
}

/** What fontkit's TrueType glyph has and its typings leave out: the outline read from `glyf`. */
type GlyphWithOutline = Glyph & { _decode?: () => unknown };

/**
 * Each glyph's outline decoded once. Every subset copies its glyphs' bytes from the `glyf` table
 * and decodes each outline first — only to learn whether the glyph is a composite and of what —
 * which was a tenth of a licence, for the same few hundred glyphs in every document. The decoded
 * outline depends on the font alone (DejaVu has no variations), and the subset only reads it.
 * Glyph objects are made by `getGlyph` (fontkit keeps them), so the outline is kept there.
 */
function keepOutlines(font: Font): void {
  const getGlyph = font.getGlyph.bind(font);
  const kept = new WeakSet<Glyph>();
  font.getGlyph = (id, codePoints) => {
    const glyph: GlyphWithOutline = getGlyph(id, codePoints);
    const decode = glyph._decode;
    if (decode && !kept.has(glyph)) {
      let outline: unknown;
      let decoded = false;
      glyph._decode = () => {
        if (!decoded) [outline, decoded] = [decode.call(glyph), true];
        return outline;
      };
      kept.add(glyph);
    }
    return glyph;
  };
}
