import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Tokens look like `th_<43 base64url characters>`: 256 random bits with a recognisable prefix. */
const TOKEN_FORMAT = /^th_[A-Za-z0-9_-]{43}$/;

export function generateToken(): string {
  return `th_${randomBytes(32).toString('base64url')}`;
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex hashes of equal length. */
export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when the header is malformed. */
export function bearerToken(header: string): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}
