// Signed submissions made ready before any clock starts: real drafts of real companies (the
// sandbox's population), their forms saved, their fees invoiced at the sandbox's payment gateway,
// paid and confirmed, and the canonical request signed with each company head's SIGN key from the
// test CA — the way the portal and the applicant's key do it, through the same API (injected, in
// this process). What is left for the server under test is the submission itself.
import { type IssuedKey, signDetached } from '@ruqsat/pki';
import type { SandboxEntity } from '@ruqsat/sandbox';
import type { TestSignIns } from '../packages/server/src/test-support/signed-in.js';
import type { TestApp } from '../packages/server/src/test-support/test-app.js';

/** A company head signed in to act for the company, with the key they sign requests with. */
export interface Applicant {
  readonly token: string;
  readonly signs: IssuedKey;
}

/** One submission to send: the draft, whose session sends it, and the JSON body with the signature. */
export interface SignedSubmission {
  readonly draftId: string;
  readonly token: string;
  readonly body: string;
}

/** A casino's form as an applicant fills it in (the service is for companies only). */
const CASINO_FORM = {
  casinoName: 'Алтын Орда',
  casinoAddress: 'Алматы қ., Жібек жолы көшесі, 50',
  gamingTables: 12,
  contactPhone: '+77012345678',
} as const;

/** Sessions and SIGN keys for the heads of these companies. */
export async function applicantsOf(entities: readonly SandboxEntity[], signIns: TestSignIns): Promise<Applicant[]> {
  const applicants: Applicant[] = [];
  // One after the other: key generation for all at once starves the pool's connections of the loop.
  for (const entity of entities) {
    const [surname = 'АТЫ', name = 'ЖӨНІ'] = entity.head.fullName.split(' ');
    const person = { iin: entity.head.iin, surname, name };
    const employer = { bin: entity.bin, name: entity.name.ru, role: 'firstHead' as const };
    applicants.push({
      token: await signIns.tokenFor(person, employer),
      signs: await signIns.keyFor(person, 'sign', employer),
    });
  }
  return applicants;
}

/** `count` drafts ready to submit, spread over the applicants in turn, `concurrency` made at a time. */
export async function prepareSubmissions(
  test: TestApp,
  applicants: readonly Applicant[],
  count: number,
  concurrency = 8,
): Promise<SignedSubmission[]> {
  const payments = test.parts.outside?.payments;
  if (!payments) throw new Error('the submissions need the payment gateway');
  const submissions: SignedSubmission[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const applicant = applicants[i % applicants.length] as Applicant;
      const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
        const answer = await test.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${applicant.token}` },
          ...(payload ? { payload } : {}),
        });
        if (answer.statusCode >= 300) throw new Error(`${method} ${url}: ${answer.statusCode} ${answer.body}`);
        return answer.json();
      };
      const draft = await call('POST', '/api/v1/drafts', {
        serviceId: 'casino',
        requestKind: 'issue',
        forCompany: true,
      });
      await call('PUT', `/api/v1/drafts/${draft.id}/form`, { form: CASINO_FORM });
      const invoice = await call('POST', `/api/v1/drafts/${draft.id}/invoice`);
      const paid = await fetch(invoice.paymentUrl, { method: 'POST' });
      if (!paid.ok) throw new Error(`the sandbox did not take the payment: ${paid.status}`);
      // The gateway's callback goes to a server not yet started: its status is asked instead.
      await payments.confirm(invoice.invoiceId, 'bench');
      const { canonical } = await call('GET', `/api/v1/drafts/${draft.id}/request`);
      const signature = await signDetached(
        new TextEncoder().encode(canonical),
        applicant.signs,
        new Date(Date.now() - 1000),
      );
      submissions[i] = {
        draftId: draft.id,
        token: applicant.token,
        body: JSON.stringify({
          transactionId: `bench-submit-${i}`,
          signature: Buffer.from(signature).toString('base64'),
        }),
      };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return submissions;
}
