import './reflect.js';

export { X509Certificate, X509Crl, X509CrlReason } from '@peculiar/x509';
export * from './certification-authority.js';
export * from './cms-sign.js';
export * from './crypto.js';
export * from './document-signer.js';
export * from './kazakh-subject.js';
export * from './ncalayer.js';
export * from './ocsp.js';
export * from './oids.js';
export * from './pkcs12.js';
export * from './revocation.js';
export * from './validate-signature.js';
