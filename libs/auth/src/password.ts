import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { InputError } from '@wenzheng/errors';

export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 200;

/** argon2id with the library's defaults (19 MiB, 2 passes: the OWASP baseline), as a PHC string. */
export function hashPassword(password: string): Promise<string> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new InputError('password', `a password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
  }
  return hash(password);
}

// Verified when the account does not exist, so that an unknown name costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function passwordMatches(storedHash: string | null, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  decoyHash ??= hash(randomBytes(16).toString('hex'));
  try {
    return (await verify(storedHash ?? (await decoyHash), password)) && storedHash !== null;
  } catch {
    return false;
  }
}
