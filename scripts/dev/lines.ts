/** Splits a byte stream into lines (for prefixing child output). Pure, unit-tested. */
export class LineSplitter {
  private rest = '';

  /** Returns the complete lines in `chunk` (without line endings); keeps the partial tail. */
  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const parts = text.split(/\r?\n/);
    this.rest = parts.pop() ?? '';
    return parts;
  }

  /** Returns the partial last line, if any, and forgets it. */
  flush(): string[] {
    const rest = this.rest;
    this.rest = '';
    return rest === '' ? [] : [rest];
  }
}

const COLORS = [36, 35, 33, 32, 34, 91, 96];

/** `[name] ` padded to `width`, coloured when `color` is true (stable colour per name). */
export function prefix(name: string, width: number, color: boolean): string {
  const label = `[${name}]`.padEnd(width + 2);
  if (!color) return `${label} `;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `\u001b[${COLORS[hash % COLORS.length]}m${label}\u001b[0m `;
}
