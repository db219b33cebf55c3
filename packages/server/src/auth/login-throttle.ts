// Login throttling: a lock-out per username against guessing one account's password, and a
// token bucket per source address against spraying many accounts from one place. Time comes
// in as a value; memory is bounded by evicting entries that no longer change any decision.
//
// Attempts are counted pessimistically: `admit` records the attempt as a failure before the
// password is checked, and `succeeded` takes it back. Counting only after the (slow, async)
// scrypt check would let a burst of parallel guesses all pass the gate before the first
// failure is recorded.
import { fail, type Millis, ok, type Result } from '@switchboard/core';
import { sourceAddressKey } from './source-address-key.ts';

export interface LoginThrottleOptions {
  /** Failures within `failureWindowMs` that lock a username. */
  readonly maxFailures?: number;
  readonly failureWindowMs?: number;
  /** The first lock-out; each further lock-out soon after the previous one multiplies it by `lockoutBackoff`. */
  readonly lockoutMs?: number;
  readonly lockoutBackoff?: number;
  readonly maxLockoutMs?: number;
  /** Failed attempts one address may make in a burst, and how fast it earns them back. */
  readonly addressBurst?: number;
  readonly addressRefillIntervalMs?: number;
  readonly maxTrackedUsernames?: number;
  readonly maxTrackedAddresses?: number;
}

export const DEFAULT_LOGIN_THROTTLE_OPTIONS: Required<LoginThrottleOptions> = Object.freeze({
  maxFailures: 5,
  failureWindowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
  lockoutBackoff: 2,
  maxLockoutMs: 4 * 3600_000,
  // A contact centre puts hundreds of agents behind one NAT address at shift start, so the
  // bucket is charged for failures only and is generous: 30 at once, then one per 20 s.
  addressBurst: 30,
  addressRefillIntervalMs: 20_000,
  maxTrackedUsernames: 10_000,
  maxTrackedAddresses: 10_000,
});

interface UsernameState {
  /** Times of failures still inside the window, oldest first; never longer than maxFailures. */
  failures: Millis[];
  lockedUntil: Millis;
  /** 1 for the first lock-out of a streak; grows while lock-outs follow each other. */
  lockLevel: number;
}

interface AddressState {
  tokens: number;
  updatedAt: Millis;
}

export class LoginThrottle {
  readonly #options: Required<LoginThrottleOptions>;
  readonly #usernames = new Map<string, UsernameState>();
  readonly #addresses = new Map<string, AddressState>();

  constructor(options: LoginThrottleOptions = {}) {
    this.#options = { ...DEFAULT_LOGIN_THROTTLE_OPTIONS, ...options };
  }

  /**
   * Admits one login attempt or refuses it with 'rate_limited' and `details.retryAfterMs`.
   * An admitted attempt counts as a failure until `succeeded` is called for it. `username`
   * is null for attempts that have none to lock (SSO), which are limited per address only.
   */
  admit(username: string | null, source: string, now: Millis): Result<void> {
    const userKey = username === null ? null : usernameKey(username);
    const addressKey = sourceAddressKey(source);
    const user = userKey === null ? undefined : this.#usernames.get(userKey);
    if (user !== undefined && now < user.lockedUntil) {
      return fail('rate_limited', 'too many failed logins for this user; try again later', {
        scope: 'username',
        retryAfterMs: user.lockedUntil - now,
      });
    }
    const address = this.#refill(this.#addresses.get(addressKey), now);
    if (address.tokens < 1) {
      return fail('rate_limited', 'too many failed logins from this address; try again later', {
        scope: 'address',
        retryAfterMs: Math.ceil((1 - address.tokens) * this.#options.addressRefillIntervalMs),
      });
    }
    address.tokens -= 1;
    touch(this.#addresses, addressKey, address);
    if (userKey !== null) touch(this.#usernames, userKey, this.#countFailure(user, now));
    this.#bound(now);
    return ok(undefined);
  }

  /** The admitted attempt succeeded: the username starts afresh and the address gets its token back. */
  succeeded(username: string | null, source: string, now: Millis): void {
    if (username !== null) this.#usernames.delete(usernameKey(username));
    const addressKey = sourceAddressKey(source);
    const address = this.#addresses.get(addressKey);
    if (address === undefined) return;
    const refilled = this.#refill(address, now);
    refilled.tokens = Math.min(this.#options.addressBurst, refilled.tokens + 1);
    this.#addresses.set(addressKey, refilled);
  }

  /** How many usernames and addresses are remembered; for tests of the memory bound. */
  trackedCounts(): { usernames: number; addresses: number } {
    return { usernames: this.#usernames.size, addresses: this.#addresses.size };
  }

  #countFailure(previous: UsernameState | undefined, now: Millis): UsernameState {
    const { maxFailures, failureWindowMs, lockoutMs, lockoutBackoff, maxLockoutMs } = this.#options;
    const state = previous ?? { failures: [], lockedUntil: 0, lockLevel: 0 };
    const failures = [...state.failures.filter((t) => t > now - failureWindowMs), now];
    if (failures.length < maxFailures) return { ...state, failures };
    // A lock-out within one window of the previous one's end continues the streak.
    const continues = state.lockLevel > 0 && now - state.lockedUntil < failureWindowMs;
    const lockLevel = continues ? state.lockLevel + 1 : 1;
    const duration = Math.min(lockoutMs * lockoutBackoff ** (lockLevel - 1), maxLockoutMs);
    return { failures: [], lockedUntil: now + duration, lockLevel };
  }

  #refill(state: AddressState | undefined, now: Millis): AddressState {
    const { addressBurst, addressRefillIntervalMs } = this.#options;
    if (state === undefined) return { tokens: addressBurst, updatedAt: now };
    const earned = Math.max(0, now - state.updatedAt) / addressRefillIntervalMs;
    return {
      tokens: Math.min(addressBurst, state.tokens + earned),
      updatedAt: Math.max(now, state.updatedAt),
    };
  }

  #bound(now: Millis): void {
    const { failureWindowMs, maxTrackedUsernames, maxTrackedAddresses, addressBurst } = this.#options;
    // Stale entries decide nothing any more: no failure in the window, no lock, no streak to continue.
    evict(
      this.#usernames,
      maxTrackedUsernames,
      (s) => now >= s.lockedUntil + failureWindowMs && s.failures.every((t) => t <= now - failureWindowMs),
      (s) => now < s.lockedUntil,
    );
    evict(
      this.#addresses,
      maxTrackedAddresses,
      (s) => this.#refill(s, now).tokens >= addressBurst,
      () => false,
    );
  }
}

/** Case and Unicode form must not make "Alice" and "alice" two accounts to guess at. */
function usernameKey(username: string): string {
  return username.slice(0, 256).normalize('NFKC').toLowerCase();
}

/** Re-inserting moves the key to the end of the Map's order, which is our least-recently-used order. */
function touch<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/**
 * Keeps `map` within `max` entries: first drop stale ones, then the least recently used
 * unprotected ones (so a flood of new names does not free a locked account), and only as a
 * last resort protected ones. It trims to 90% so the O(n) pass is not repeated every insert.
 */
function evict<V>(
  map: Map<string, V>,
  max: number,
  isStale: (v: V) => boolean,
  isProtected: (v: V) => boolean,
) {
  if (map.size <= max) return;
  const target = Math.floor(max * 0.9);
  for (const [key, value] of map) if (isStale(value)) map.delete(key);
  for (const [key, value] of map) {
    if (map.size <= target) return;
    if (!isProtected(value)) map.delete(key);
  }
  for (const key of map.keys()) {
    if (map.size <= target) return;
    map.delete(key);
  }
}
