// The HTTP side of /metrics: requests by route, method and status, and how long they took. Routes
// are labelled by route id (never by raw path, so ids in paths cannot blow up the series count).
import type { Counter, Histogram, MetricsRegistry } from '../observability/metrics-registry.ts';

const DURATION_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class HttpMetrics {
  readonly #requests: Counter;
  readonly #duration: Histogram;

  constructor(registry: MetricsRegistry) {
    this.#requests = registry.counter(
      'switchboard_http_requests_total',
      'HTTP requests answered, by route id (or health, metrics, openapi, docs, unmatched), method and status.',
    );
    this.#duration = registry.histogram(
      'switchboard_http_request_duration_seconds',
      'Time from the request to the end of its answer.',
      DURATION_BUCKETS_S,
    );
  }

  observe(route: string, method: string, status: number, durationMs: number): void {
    this.#requests.inc({ route, method, status: String(status) });
    this.#duration.observe(durationMs / 1000);
  }
}
