import './reflect.js';
import type * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

/**
 * A certificate as pkijs reads it, parsed once per certificate object: the OCSP responder answers
 * about the same few certificates again and again, and parsing them is most of what pkijs costs.
 * The parsed certificate is only read, never changed.
 */
const parsedCertificates = new WeakMap<x509.X509Certificate, pkijs.Certificate>();

export function toPkijs(certificate: x509.X509Certificate): pkijs.Certificate {
  let parsed = parsedCertificates.get(certificate);
  if (!parsed) {
    parsed = pkijs.Certificate.fromBER(certificate.rawData);
    parsedCertificates.set(certificate, parsed);
  }
  return parsed;
}
