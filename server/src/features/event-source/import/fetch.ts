import http from 'node:http';
import https from 'node:https';
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ImportFailure } from './mapping.js';

/**
 * Fetching other people's URLs without being turned against our own network: only http(s);
 * every address a host name resolves to must be public (no private, loopback, link-local,
 * cloud-metadata or otherwise special address) unless the host is in `allowPrivateHosts`; the
 * connection goes to the address that was checked (no second DNS answer), and each redirect is
 * checked again. Time, size and content type are bounded.
 */

export interface FetchLimits {
  /** Host names (or IP literals) that may resolve to private addresses: tests and intranets. */
  allowPrivateHosts: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 3;
export const USER_AGENT = 'Temahub event import (Bibliotekernes Temasamarbejde; +https://github.com/temahub)';

/** Why an address may not be fetched, or null when it is a public unicast address. */
export function refusedAddressReason(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return 'it is not an IP address';
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range === 'unicast') {
    // Cloud metadata services that sit on public-looking or special addresses.
    if (parsed.kind() === 'ipv6' && parsed.match(ipaddr.parseCIDR('fd00:ec2::/32')))
      return 'it is a cloud metadata address';
    return null;
  }
  const names: Record<string, string> = {
    private: 'a private network address',
    loopback: 'a loopback address',
    linkLocal: 'a link-local address (where cloud metadata services live)',
    uniqueLocal: 'a private network address',
    carrierGradeNat: 'a carrier-grade NAT address (where some cloud metadata services live)',
    unspecified: 'an unspecified address',
    broadcast: 'a broadcast address',
    multicast: 'a multicast address',
    reserved: 'a reserved address',
  };
  return `it is ${names[range] ?? `a special-purpose address (${range})`}`;
}

export interface FetchedBody {
  url: string;
  contentType: string;
  body: string;
}

/** The checked address to connect to; refuses non-public addresses of hosts not allowed. */
async function resolveChecked(
  url: URL,
  allowPrivateHosts: readonly string[],
): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new ImportFailure(`The host name ${host} does not resolve (DNS).`);
    }
  }
  if (!addresses.length) throw new ImportFailure(`The host name ${host} does not resolve (DNS).`);
  if (!allowPrivateHosts.includes(host)) {
    for (const a of addresses) {
      const reason = refusedAddressReason(a.address);
      if (reason)
        throw new ImportFailure(
          `Refused to fetch ${url.origin}: ${host} resolves to ${a.address}, and ${reason}. Only public internet addresses are fetched.`,
        );
    }
  }
  return addresses[0]!;
}

function checkProtocol(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ImportFailure(`Refused to fetch a ${url.protocol} URL: only http and https URLs are fetched.`);
}

/**
 * GETs `target` within the limits and returns its body as text. `accept` lists the content types
 * (without parameters) taken as the expected kind; anything else fails with a message naming
 * what came instead.
 */
export async function fetchLimited(
  target: string,
  accept: { types: string[]; what: string; header: string },
  limits: FetchLimits,
): Promise<FetchedBody> {
  const timeoutMs = limits.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = limits.maxBytes ?? MAX_BODY_BYTES;
  const maxRedirects = limits.maxRedirects ?? MAX_REDIRECTS;
  const deadline = Date.now() + timeoutMs;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ImportFailure('The source URL is not a valid URL.');
  }
  for (let redirects = 0; ; redirects++) {
    checkProtocol(url);
    const resolved = await resolveChecked(url, limits.allowPrivateHosts);
    const answer = await getOnce(url, resolved, accept.header, Math.max(1, deadline - Date.now()), maxBytes, timeoutMs);
    if (answer.status >= 300 && answer.status < 400 && answer.location) {
      if (redirects >= maxRedirects) throw new ImportFailure(`The source redirected more than ${maxRedirects} times.`);
      try {
        url = new URL(answer.location, url);
      } catch {
        throw new ImportFailure('The source redirected to an invalid URL.');
      }
      continue;
    }
    if (answer.status !== 200) throw new ImportFailure(`The source answered HTTP ${answer.status} instead of 200.`);
    const contentType = (answer.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!accept.types.includes(contentType)) {
      const got =
        contentType === 'text/html'
          ? 'HTML (a web page)'
          : contentType
            ? `content of type ${contentType}`
            : 'content without a Content-Type';
      throw new ImportFailure(`The source answered ${got} instead of ${accept.what}. Check the URL.`);
    }
    return { url: url.toString(), contentType, body: answer.body };
  }
}

interface RawAnswer {
  status: number;
  location: string | undefined;
  contentType: string | undefined;
  body: string;
}

function getOnce(
  url: URL,
  resolved: { address: string; family: number },
  acceptHeader: string,
  timeoutMs: number,
  maxBytes: number,
  /** The whole fetch's bound (redirects included), for the message. */
  limitMs: number,
): Promise<RawAnswer> {
  // Connect to the address that was checked, whatever DNS answers a second time.
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [resolved]);
    else callback(null, resolved.address, resolved.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<RawAnswer>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'GET',
        lookup: pinned,
        headers: { 'user-agent': USER_AGENT, accept: acceptHeader, 'accept-encoding': 'identity' },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
        const contentType = res.headers['content-type'];
        if (status >= 300 && status < 400) {
          res.resume();
          resolve({ status, location, contentType, body: '' });
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          req.destroy(
            new ImportFailure(`The source's answer is ${declared} bytes; at most ${maxBytes} bytes (5 MB) are read.`),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(
              new ImportFailure(
                `The source's answer is larger than ${maxBytes} bytes (5 MB); it was not read to the end.`,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status, location, contentType, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('aborted', () =>
          reject(new ImportFailure('The source closed the connection before the answer was complete.')),
        );
        res.on('error', (err) =>
          reject(
            err instanceof ImportFailure
              ? err
              : new ImportFailure('The connection to the source broke off while reading its answer.'),
          ),
        );
      },
    );
    const timer = setTimeout(
      () =>
        req.destroy(
          new ImportFailure(
            `The source did not answer within ${limitMs / 1000} second${limitMs === 1000 ? '' : 's'}; nothing was imported. Check that the URL answers.`,
          ),
        ),
      timeoutMs,
    );
    req.on('close', () => clearTimeout(timer));
    req.on('error', (err) => {
      if (err instanceof ImportFailure) reject(err);
      else
        reject(
          new ImportFailure(
            `Could not connect to the source (${(err as NodeJS.ErrnoException).code ?? 'network error'}).`,
          ),
        );
    });
    req.end();
  });
}
