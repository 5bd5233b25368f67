// A urlencoded body read the way PHP fills $_POST: `a[0]=x&a[1]=y` becomes the array a,
// `s=z` a plain value. Only what the 1.2 protocol uses: one level of `name[index]`.

export type PhpValue = string | Map<string, string>;

const INDEXED = /^([^[\]]+)\[([^[\]]*)\]$/;

export function phpForm(body: string): Map<string, PhpValue> {
  const out = new Map<string, PhpValue>();
  for (const [key, value] of new URLSearchParams(body)) {
    const m = INDEXED.exec(key);
    if (!m) {
      out.set(key, value);
      continue;
    }
    const [, name = '', index = ''] = m;
    let arr = out.get(name);
    if (!(arr instanceof Map)) {
      arr = new Map();
      out.set(name, arr);
    }
    arr.set(index === '' ? String(arr.size) : index, value);
  }
  return out;
}

/** PHP's empty(): unset, '', '0' or an empty array. */
export function phpEmpty(value: PhpValue | undefined): boolean {
  if (value === undefined) return true;
  if (value instanceof Map) return value.size === 0;
  return value === '' || value === '0';
}

export function scalar(value: PhpValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function at(value: PhpValue | undefined, i: number): string | undefined {
  return value instanceof Map ? value.get(String(i)) : undefined;
}
