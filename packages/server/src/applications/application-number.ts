import { randomBytes } from 'node:crypto';

/** An application's number: the date and eight letters and digits nobody can guess or confuse. */
export function applicationNumber(date: string): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const random = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
  return `${date.replaceAll('-', '')}-${random}`;
}
