import type { DocumentSigner } from '@ruqsat/pki';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';

export interface PadesOptions {
  /** Goes into the signature dictionary's M entry, the only signing time PAdES B-B allows. */
  readonly signingTime: Date;
  readonly reason: string;
  readonly location: string;
  readonly signerName: string;
  readonly contactInfo?: string;
  /** Where the document drew its signature block: the signature's widget covers exactly that. */
  readonly widget: { readonly pageIndex: number; readonly rect: readonly [number, number, number, number] };
}

/**
 * Signs a PDF as PAdES baseline B-B: a visible signature field over the document's signature
 * block, SubFilter ETSI.CAdES.detached, and a detached CMS without the signing-time attribute
 * over every byte but the signature itself. Pass a pdf-lib document to have it saved once, with
 * the placeholder; bytes are loaded and written out anew (fine for our unsigned documents, not for
 * a PDF that carries signatures already). The bytes returned are final: store them as they are,
 * for saving them again breaks the signature.
 */
export async function signPdf(
  pdf: Uint8Array | PDFDocument,
  signer: DocumentSigner,
  options: PadesOptions,
): Promise<Uint8Array> {
  const document = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf);
  const page = document.getPage(options.widget.pageIndex);
  pdflibAddPlaceholder({
    pdfPage: page,
    reason: pdfTextString(options.reason),
    location: pdfTextString(options.location),
    name: pdfTextString(options.signerName),
    contactInfo: pdfTextString(options.contactInfo ?? ''),
    signingTime: options.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: [...options.widget.rect],
    // Hex digits: two per byte of the DER signature.
    signatureLength: 2 * signatureSizeBound(signer),
    appName: 'Ruqsat',
  });
  // The signature field's appearance is the page itself; there is no form to redraw.
  const unsigned = await document.save({ useObjectStreams: false, updateFieldAppearances: false });
  return new SignPdf().sign(unsigned, new PadesCmsSigner(signer, options.signingTime));
}

/**
 * What @signpdf's signing step calls: our signer, asked for a CMS without the signing-time
 * attribute (ETSI EN 319 142-1 forbids it in PAdES; the time is the dictionary's M entry).
 */
class PadesCmsSigner extends Signer {
  constructor(
    private readonly signer: DocumentSigner,
    private readonly signingTime: Date,
  ) {
    super();
  }

  override async sign(signedRanges: Buffer): Promise<Buffer> {
    return Buffer.from(await this.signer.sign(signedRanges, this.signingTime, { signingTimeAttribute: false }));
  }
}

/**
 * A PDF text string in UTF-16BE with its byte-order mark, as one character per byte, escaped for a
 * literal string. The placeholder writes its strings byte for byte (the low byte of each
 * character), which would mangle a Kazakh name; a byte of a UTF-16 letter may also be a
 * parenthesis, a backslash or an end of line, which a literal string must escape.
 */
function pdfTextString(text: string): string {
  let bytes = '\xfe\xff';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    bytes += String.fromCharCode(unit >> 8, unit & 0xff);
  }
  return bytes.replace(/[()\\\r\n]/g, (c) => LITERAL_ESCAPES[c as keyof typeof LITERAL_ESCAPES]);
}

const LITERAL_ESCAPES = { '(': '\\(', ')': '\\)', '\\': '\\\\', '\r': '\\r', '\n': '\\n' } as const;

/**
 * The CMS SignedData around a signature, beyond what `signatureSizeBound` counts from the
 * certificates: its own framing and SignerInfo's, the version numbers, three algorithm
 * identifiers and the content-type, message-digest and signing-certificate-v2 attributes
 * (without the issuer names counted separately). About 200 bytes, measured; the rest is headroom
 * for a longer algorithm identifier (RSA-PSS) or another signed attribute.
 */
const CMS_FRAMING_BYTES = 600;

/**
 * An upper bound of the DER size of the CMS `signer` makes, from what it will carry: every
 * certificate, the signer's issuer name and serial number twice more (in the SignerInfo's
 * identifier and in signing-certificate-v2), and a signature value no longer than the signer's
 * public key info (an RSA signature is as long as the modulus inside it; an ECDSA one is two
 * numbers of a coordinate's size, and an uncompressed key holds two coordinates and two OIDs).
 */
function signatureSizeBound(signer: DocumentSigner): number {
  const certificates = [signer.certificate, ...signer.chain].reduce((sum, c) => sum + c.rawData.byteLength, 0);
  const issuerAndSerial =
    signer.certificate.issuerName.toArrayBuffer().byteLength + signer.certificate.serialNumber.length / 2 + 8;
  return certificates + 2 * issuerAndSerial + signer.certificate.publicKey.rawData.byteLength + CMS_FRAMING_BYTES;
}
