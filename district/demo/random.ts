/**
 * The demo district's only source of randomness: faker's seeded generator (zh_CN names), so the
 * same seed always yields the same district. Nothing in the generator may use Math.random.
 */
import { Faker, base, zh_CN } from '@faker-js/faker';

export type Weighted<T> = readonly (readonly [T, number])[];

export class Random {
  private readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [zh_CN, base] });
    this.faker.seed(seed);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  /** A float in [0, 1). */
  unit(): number {
    return this.faker.number.float({ min: 0, max: 1 });
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.unit();
  }

  chance(probability: number): boolean {
    return this.unit() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)];
  }

  weighted<T>(table: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let roll = this.unit() * total;
    for (const [value, weight] of table) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1][0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A Chinese full name from faker's zh_CN lists (surname + given name). */
  personName(): string {
    return this.faker.person.lastName() + this.faker.person.firstName();
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}
