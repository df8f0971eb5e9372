/**
 * An independent DKIM verifier for tests (RFC 6376, rsa-sha256, relaxed/relaxed and simple body):
 * checks the body hash and the signature of a raw message against a public key. Written from the
 * RFC rather than taken from nodemailer, so a test does not grade nodemailer with its own code.
 */
import { createHash, createVerify, type KeyObject } from 'node:crypto';

export interface DkimCheck {
  domain: string;
  selector: string;
  signedHeaders: string[];
  bodyHashOk: boolean;
  signatureOk: boolean;
}

interface Header {
  name: string;
  /** Everything after the first colon, folding included. */
  value: string;
}

function splitMessage(raw: string): { headers: Header[]; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end + 4);
  const headers: Header[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1].value += `\r\n${line}`;
    else {
      const colon = line.indexOf(':');
      headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1) });
    }
  }
  return { headers, body };
}

const relaxedHeader = (h: Header): string =>
  `${h.name.trim().toLowerCase()}:${h.value
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim()}\r\n`;

function canonicalBody(body: string, mode: string): string {
  let lines = body.split('\r\n');
  if (mode === 'relaxed') lines = lines.map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return mode === 'relaxed' ? '' : '\r\n';
  return `${lines.join('\r\n')}\r\n`;
}

function tags(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.replace(/\r\n/g, '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).replace(/[ \t]/g, '');
  }
  return out;
}

export function verifyDkim(raw: Buffer | string, publicKey: KeyObject): DkimCheck {
  const { headers, body } = splitMessage(raw.toString('latin1'));
  const signature = headers.find((h) => h.name.toLowerCase() === 'dkim-signature');
  if (!signature) throw new Error('no DKIM-Signature header');
  const t = tags(signature.value);
  if (t.a !== 'rsa-sha256') throw new Error(`unsupported algorithm ${t.a}`);
  const [headerMode, bodyMode = 'simple'] = (t.c ?? 'simple/simple').split('/');
  if (headerMode !== 'relaxed')
    throw new Error(`unsupported header canonicalization ${headerMode}`);

  const bodyHash = createHash('sha256').update(canonicalBody(body, bodyMode), 'latin1');
  const bodyHashOk = bodyHash.digest('base64') === t.bh;

  // Signed headers, each taken from the bottom up when a name repeats (RFC 6376 §5.4.2).
  const used = new Set<Header>();
  let data = '';
  const signedHeaders = t.h.split(':').map((n) => n.trim().toLowerCase());
  for (const name of signedHeaders) {
    const match = [...headers].reverse().find((h) => h.name.toLowerCase() === name && !used.has(h));
    if (!match) continue; // a signed but absent header contributes nothing
    used.add(match);
    data += relaxedHeader(match);
  }
  const unsigned = { ...signature, value: signature.value.replace(/(^|;)(\s*b\s*=)[^;]*/, '$1$2') };
  data += relaxedHeader(unsigned).replace(/\r\n$/, '');
  const signatureOk = createVerify('RSA-SHA256')
    .update(data, 'latin1')
    .verify(publicKey, Buffer.from(t.b, 'base64'));
  return { domain: t.d, selector: t.s, signedHeaders, bodyHashOk, signatureOk };
}
