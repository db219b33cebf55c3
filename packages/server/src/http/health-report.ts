// GET /health: the composition root says how each component is; this answers 200 while every
// component is up or degraded and 503 as soon as one is down, so a load balancer takes a node with
// a lost database out of rotation but keeps one whose telephony is merely slow.

export const COMPONENT_STATUSES = ['ok', 'degraded', 'down'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export interface ComponentHealth {
  readonly status: ComponentStatus;
  /** Anything that helps an operator: a kind, a count, what is wrong. */
  readonly [detail: string]: unknown;
}

export interface HealthReport {
  /** 'ok' when every component is ok. */
  readonly status: 'ok' | 'degraded';
  /** database, engine, telephony, … */
  readonly components: Readonly<Record<string, ComponentHealth>>;
  readonly uptimeMs: number;
  readonly version?: string;
}

export function healthHttpStatus(report: HealthReport): 200 | 503 {
  return Object.values(report.components).some((c) => c.status === 'down') ? 503 : 200;
}
