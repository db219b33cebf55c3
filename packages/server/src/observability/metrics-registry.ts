// A small Prometheus registry: counters, gauges (set or sampled on scrape) and histograms, rendered in
// the text exposition format (version 0.0.4). Label values are escaped as the format requires.

type Labels = Readonly<Record<string, string>>;

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  render(): string[];
}

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }

  gauge(
    name: string,
    help: string,
    sample?: () => number | ReadonlyMap<string, number>,
    labelName?: string,
  ): Gauge {
    return this.add(new Gauge(name, help, sample, labelName));
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, buckets));
  }

  render(): string {
    const lines: string[] = [];
    for (const f of this.families.values()) {
      lines.push(
        `# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`,
        `# TYPE ${f.name} ${f.type}`,
        ...f.render(),
      );
    }
    return `${lines.join('\n')}\n`;
  }

  private add<T extends Family>(family: T): T {
    if (this.families.has(family.name)) throw new Error(`metric ${family.name} registered twice`);
    this.families.set(family.name, family);
    return family;
  }
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function keyOf(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort());
}

export class Counter implements Family {
  readonly type = 'counter';
  readonly name: string;
  readonly help: string;
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(name: string, help: string) {
    this.name = name;
    this.help = help;
  }

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const slot = this.values.get(key);
    if (slot === undefined) this.values.set(key, { labels, value: by });
    else slot.value += by;
  }

  get(labels: Labels = {}): number {
    return this.values.get(keyOf(labels))?.value ?? 0;
  }

  render(): string[] {
    return [...this.values.values()].map((s) => `${this.name}${labelText(s.labels)} ${s.value}`);
  }
}

export class Gauge implements Family {
  readonly type = 'gauge';
  readonly name: string;
  readonly help: string;
  private value = 0;
  private readonly sample: (() => number | ReadonlyMap<string, number>) | undefined;
  private readonly labelName: string;

  constructor(
    name: string,
    help: string,
    sample?: () => number | ReadonlyMap<string, number>,
    labelName = 'key',
  ) {
    this.name = name;
    this.help = help;
    this.sample = sample;
    this.labelName = labelName;
  }

  set(value: number): void {
    this.value = value;
  }

  render(): string[] {
    const v = this.sample === undefined ? this.value : this.sample();
    if (typeof v === 'number') return [`${this.name} ${v}`];
    return [...v].map(([label, n]) => `${this.name}${labelText({ [this.labelName]: label })} ${n}`);
  }
}

export class Histogram implements Family {
  readonly type = 'histogram';
  readonly name: string;
  readonly help: string;
  private readonly buckets: readonly number[];
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(name: string, help: string, buckets: readonly number[]) {
    this.name = name;
    this.help = help;
    this.buckets = [...buckets].sort((a, b) => a - b);
    this.counts = this.buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) this.counts[i]! += 1;
  }

  render(): string[] {
    return [
      ...this.buckets.map((b, i) => `${this.name}_bucket{le="${b}"} ${this.counts[i]}`),
      `${this.name}_bucket{le="+Inf"} ${this.count}`,
      `${this.name}_sum ${this.sum}`,
      `${this.name}_count ${this.count}`,
    ];
  }
}
