import { expect } from 'vitest';
import { AccessLinksError } from '../../src/index';

/** Runs `act` and answers the error it throws, which must be an `INVALID_ARGUMENT`. */
export function refusal(act: () => unknown): AccessLinksError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(AccessLinksError);
    expect((error as AccessLinksError).code).toBe('INVALID_ARGUMENT');
    return error as AccessLinksError;
  }
  throw new Error('expected a refusal');
}
