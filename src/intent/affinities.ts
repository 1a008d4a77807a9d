/**
 * Every sentence's affinity to each topic, as one table of numbers.
 *
 * A Map per sentence cost ~230 bytes for four numbers; here a sentence's row is a small view over one
 * Float64Array (n × topics), read like the Map it replaces (`get(topic)`), and the table is what the index
 * cache saves.
 */

/** One sentence's affinities: a read-only Map-like view of its row of the table. */
export class AffinityRow implements ReadonlyMap<string, number> {
  constructor(
    readonly table: AffinityTable,
    private readonly row: number,
  ) {}

  get(topic: string): number | undefined {
    const t = this.table.topicIndex.get(topic);
    return t === undefined ? undefined : this.table.values[this.row * this.table.topics.length + t];
  }

  has(topic: string): boolean {
    return this.table.topicIndex.has(topic);
  }

  get size(): number {
    return this.table.topics.length;
  }

  *entries(): MapIterator<[string, number]> {
    const { topics, values } = this.table;
    for (let t = 0; t < topics.length; t++) yield [topics[t]!, values[this.row * topics.length + t]!];
  }

  *keys(): MapIterator<string> {
    yield* this.table.topics;
  }

  *values(): MapIterator<number> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

export class AffinityTable {
  readonly topicIndex: Map<string, number>;
  /** Row views, one per sentence. */
  readonly rows: AffinityRow[];

  constructor(
    /** The topics, in column order. */
    readonly topics: readonly string[],
    /** Row-major: sentence i's affinity to topic t at `i * topics.length + t`. */
    readonly values: Float64Array,
    /** How many sentences (rows). */
    size: number,
  ) {
    if (values.length !== size * topics.length) throw new Error('AffinityTable: values do not fill the rows');
    this.topicIndex = new Map(topics.map((t, i) => [t, i]));
    this.rows = Array.from({ length: size }, (_, i) => new AffinityRow(this, i));
  }

  /** A table from each article's rows (AffinityReader.read over its sentences), in the corpus's article order. */
  static inArticleOrder(topics: readonly string[], perArticle: ReadonlyArray<{ values: Float64Array; size: number }>): AffinityTable {
    const values = new Float64Array(perArticle.reduce((n, r) => n + r.values.length, 0));
    let at = 0;
    for (const r of perArticle) {
      values.set(r.values, at);
      at += r.values.length;
    }
    return new AffinityTable(topics, values, perArticle.reduce((n, r) => n + r.size, 0));
  }
}
