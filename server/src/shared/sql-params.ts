/** Positional parameters for one SQL statement: `add` returns the placeholder (`$3::uuid`) to write. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}
