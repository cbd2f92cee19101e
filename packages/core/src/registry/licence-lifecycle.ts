import { RuqsatError } from '../errors/ruqsat-error.js';

/**
 * A licence's life in the registry. A licence is valid from its issue until terminated; it may
 * be suspended and resumed any number of times in between; termination is final. Reissues,
 * duplicates and annexes give the holder a new document on the same licence line and do not
 * change its status — but none is issued on a terminated licence, and a suspended one cannot be
 * reissued until it is resumed (the grounds to suspend hold whoever the holder becomes).
 */
export const LicenceStatus = { active: 'active', suspended: 'suspended', terminated: 'terminated' } as const;
export type LicenceStatus = (typeof LicenceStatus)[keyof typeof LicenceStatus];

export const LicenceChange = {
  issued: 'issued',
  reissued: 'reissued',
  duplicate_issued: 'duplicate_issued',
  annex_issued: 'annex_issued',
  suspended: 'suspended',
  resumed: 'resumed',
  terminated: 'terminated',
} as const;
export type LicenceChange = (typeof LicenceChange)[keyof typeof LicenceChange];

/** The changes an official makes by decision, each on a legal ground; the others come from applications. */
export const OFFICIAL_CHANGES = [LicenceChange.suspended, LicenceChange.resumed, LicenceChange.terminated] as const;
export type OfficialChange = (typeof OFFICIAL_CHANGES)[number];

/** The status after `change`, or LICENCE_CHANGE_NOT_ALLOWED naming the status that forbids it. */
export function licenceStatusAfter(status: LicenceStatus | null, change: LicenceChange): LicenceStatus {
  const refuse = (): never => {
    throw new RuqsatError('LICENCE_CHANGE_NOT_ALLOWED', { status, change });
  };
  if (status === null) return change === LicenceChange.issued ? LicenceStatus.active : refuse();
  switch (change) {
    case LicenceChange.issued:
      return refuse();
    case LicenceChange.suspended:
      return status === LicenceStatus.active ? LicenceStatus.suspended : refuse();
    case LicenceChange.resumed:
      return status === LicenceStatus.suspended ? LicenceStatus.active : refuse();
    case LicenceChange.terminated:
      return status === LicenceStatus.terminated ? refuse() : LicenceStatus.terminated;
    case LicenceChange.reissued:
      return status === LicenceStatus.active ? status : refuse();
    case LicenceChange.duplicate_issued:
    case LicenceChange.annex_issued:
      return status === LicenceStatus.terminated ? refuse() : status;
  }
}
