import type { ErrorCode } from '@ruqsat/core';

/** The code a promise is refused with, or 'fulfilled': lets a test list many refusals in a line each. */
export async function refusalOf(promise: Promise<unknown>): Promise<ErrorCode | 'fulfilled'> {
  try {
    await promise;
    return 'fulfilled';
  } catch (error) {
    return (error as { code: ErrorCode }).code;
  }
}
