// The two structured SIP settings: the trunks (who may bring calls in, where calls go out) and the
// agent phones (the registrar's digest credentials). They come from the config file as JSON values,
// or from the environment as JSON text, and are checked here field by field: every problem names
// its field (`[1].outbound.port`), unknown fields are refused (a typo must not silently disable a
// trunk's credentials), and nothing is half-accepted.
import { isIP } from 'node:net';
import type { SipTrunk, SipTrunkOutbound } from '@switchboard/telephony/sip';

/** One agent phone the registrar accepts: its extension (the SIP user) and its digest password. */
export interface SipPhoneSetting {
  readonly extension: string;
  readonly password: string;
}

/** A problem inside a structured value: the path below the setting, and what is wrong there. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export type StructuredOutcome<T> = { readonly value: T } | { readonly problems: readonly FieldProblem[] };

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
// A SIP user part that is also a plain dial string: no '@', ':', ';', spaces or quotes to escape.
const EXTENSION = /^[A-Za-z0-9_.+*#-]{1,64}$/;
const OUTBOUND_TRANSPORTS = ['UDP', 'TCP'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max = 256): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max && !CONTROL.test(value);
}

class Problems {
  readonly list: FieldProblem[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** Refuses fields the shape does not have. */
  onlyKnown(path: string, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value))
      if (!known.includes(key)) this.add(`${path}.${key}`, `is not a field (known: ${known.join(', ')})`);
  }
}

function parseOutbound(raw: unknown, path: string, problems: Problems): SipTrunkOutbound | undefined {
  if (!isObject(raw)) {
    problems.add(path, 'must be an object {address, port?, transport?, domain?}');
    return undefined;
  }
  problems.onlyKnown(path, raw, ['address', 'port', 'transport', 'domain']);
  const port = raw.port ?? 5060;
  const transport = raw.transport ?? 'UDP';
  if (!isText(raw.address)) problems.add(`${path}.address`, 'must be a host name or IP address');
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535)
    problems.add(`${path}.port`, 'must be a whole number from 1 to 65535');
  if (!(OUTBOUND_TRANSPORTS as readonly unknown[]).includes(transport))
    problems.add(`${path}.transport`, `must be one of ${OUTBOUND_TRANSPORTS.join(', ')}`);
  if (raw.domain !== undefined && !isText(raw.domain)) problems.add(`${path}.domain`, 'must be a host name');
  return {
    address: raw.address as string,
    port: port as number,
    transport: transport as SipTrunkOutbound['transport'],
    ...(raw.domain === undefined ? {} : { domain: raw.domain as string }),
  };
}

function parseTrunk(raw: unknown, path: string, problems: Problems): SipTrunk | undefined {
  if (!isObject(raw)) {
    problems.add(path, 'must be an object {id, addresses?, credentials?, outbound?, callerId?}');
    return undefined;
  }
  problems.onlyKnown(path, raw, ['id', 'addresses', 'credentials', 'outbound', 'callerId']);
  if (!isText(raw.id)) problems.add(`${path}.id`, 'must be a non-empty text without control characters');
  const { addresses, credentials, outbound, callerId } = raw;
  if (addresses !== undefined) {
    if (!Array.isArray(addresses)) problems.add(`${path}.addresses`, 'must be a list of IP addresses');
    else
      addresses.forEach((a, i) => {
        if (typeof a !== 'string' || isIP(a) === 0)
          problems.add(
            `${path}.addresses[${i}]`,
            'must be an IP address (a trunk is known by its source address)',
          );
      });
  }
  if (credentials !== undefined) {
    if (!isObject(credentials)) problems.add(`${path}.credentials`, 'must be an object {username, password}');
    else {
      problems.onlyKnown(`${path}.credentials`, credentials, ['username', 'password']);
      if (!isText(credentials.username))
        problems.add(`${path}.credentials.username`, 'must be a non-empty text');
      if (!isText(credentials.password))
        problems.add(`${path}.credentials.password`, 'must be a non-empty text');
    }
  }
  const out = outbound === undefined ? undefined : parseOutbound(outbound, `${path}.outbound`, problems);
  if (callerId !== undefined && !isText(callerId, 64))
    problems.add(`${path}.callerId`, 'must be a non-empty text of at most 64 characters');
  const knowable = (Array.isArray(addresses) && addresses.length > 0) || credentials !== undefined;
  if (!knowable && outbound === undefined)
    problems.add(path, 'needs addresses or credentials (calls in) or outbound (calls out)');
  return {
    id: raw.id as string,
    ...(addresses === undefined ? {} : { addresses: addresses as string[] }),
    ...(isObject(credentials)
      ? {
          credentials: { username: credentials.username as string, password: credentials.password as string },
        }
      : {}),
    ...(out === undefined ? {} : { outbound: out }),
    ...(callerId === undefined ? {} : { callerId: callerId as string }),
  };
}

/** `sip.trunks`: a list of SipTrunk with unique ids. */
export function parseSipTrunks(raw: unknown): StructuredOutcome<readonly SipTrunk[]> {
  const problems = new Problems();
  if (!Array.isArray(raw)) return { problems: [{ path: '', message: 'must be a list of trunks' }] };
  const trunks: SipTrunk[] = [];
  const ids = new Set<string>();
  raw.forEach((item, i) => {
    const trunk = parseTrunk(item, `[${i}]`, problems);
    if (trunk === undefined) return;
    if (ids.has(trunk.id)) problems.add(`[${i}].id`, `"${trunk.id}" is used by an earlier trunk`);
    ids.add(trunk.id);
    trunks.push(trunk);
  });
  return problems.list.length > 0 ? { problems: problems.list } : { value: trunks };
}

/** `sip.phones`: a list of {extension, password} with unique extensions. */
export function parseSipPhones(raw: unknown): StructuredOutcome<readonly SipPhoneSetting[]> {
  const problems = new Problems();
  if (!Array.isArray(raw)) return { problems: [{ path: '', message: 'must be a list of phones' }] };
  const phones: SipPhoneSetting[] = [];
  const extensions = new Set<string>();
  raw.forEach((item, i) => {
    const path = `[${i}]`;
    if (!isObject(item)) {
      problems.add(path, 'must be an object {extension, password}');
      return;
    }
    problems.onlyKnown(path, item, ['extension', 'password']);
    const { extension, password } = item;
    if (typeof extension !== 'string' || !EXTENSION.test(extension))
      problems.add(`${path}.extension`, 'must be 1-64 characters of A-Z a-z 0-9 _ . + * # -');
    else if (extensions.has(extension))
      problems.add(`${path}.extension`, `"${extension}" is used by an earlier phone`);
    else extensions.add(extension);
    if (!isText(password)) problems.add(`${path}.password`, 'must be a non-empty text');
    phones.push({ extension: extension as string, password: password as string });
  });
  return problems.list.length > 0 ? { problems: problems.list } : { value: phones };
}
