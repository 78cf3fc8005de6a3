// The widget kit's address-bar state, declared once per widget as a table of fields (as
// TensorFlow Playground's state.ts does): each field has a URL name, a type, a default and its
// allowed values; reading, writing and validating the address are derived from the table.
//   const FIELDS = [numberField('eta', 'eta', 0.3, { label: 'η', min: 0, max: 100, exclusiveMin: true }),
//                   enumField('ds', 'dataset', 'circle', ['circle', 'xor'])] as const;
//   const { values, notice } = readFields(FIELDS, (k) => params.get(k));
// A malformed value is never used: by default the whole table falls back to its defaults (a
// half-applied address would show a network nobody asked for) and `notice` names the parameter.
// Pure apart from the two window helpers at the end.
import { parseNumber, type NumberRule } from './number';

export interface UrlField<K extends string, T> {
  /** The parameter's name in the address (short, stable: old links keep working). */
  name: string;
  /** The key of the value in the widget's settings. */
  key: K;
  default: T;
  /** The value read from the text, or a message saying why it is not allowed. */
  read(text: string): { ok: true; value: T } | { ok: false; message: string };
  write(value: T): string;
}

export function numberField<K extends string>(name: string, key: K, def: number, rule: NumberRule): UrlField<K, number> {
  return { name, key, default: def, read: (t) => parseNumber(t, rule), write: (v) => String(v) };
}

export function enumField<K extends string, T extends string>(name: string, key: K, def: T, allowed: readonly T[]): UrlField<K, T> {
  return {
    name,
    key,
    default: def,
    read: (t) => ((allowed as readonly string[]).includes(t) ? { ok: true, value: t as T } : { ok: false, message: `expected one of ${allowed.join(', ')}` }),
    write: (v) => v,
  };
}

/** A field with its own text form (e.g. layer sizes "8-8"). */
export function customField<K extends string, T>(name: string, key: K, def: T, read: UrlField<K, T>['read'], write: (v: T) => string): UrlField<K, T> {
  return { name, key, default: def, read, write };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = UrlField<string, any>;
export type ValuesOf<F extends readonly AnyField[]> = { [P in F[number] as P['key']]: P['default'] };

export interface ReadResult<V> {
  values: V;
  /** Set when the address held a malformed value: it names the parameter, the value and why. */
  notice: string | null;
  /** True when at least one of the table's parameters was in the address. */
  present: boolean;
}

/** Read every field of the table; any malformed value → all defaults and a notice. */
export function readFields<F extends readonly AnyField[]>(fields: F, get: (name: string) => string | null): ReadResult<ValuesOf<F>> {
  const defaults = Object.fromEntries(fields.map((f) => [f.key, f.default])) as ValuesOf<F>;
  const values: Record<string, unknown> = { ...defaults };
  let present = false;
  for (const f of fields) {
    const raw = get(f.name);
    if (raw === null) continue;
    present = true;
    const r = f.read(raw);
    if (!r.ok) return { values: { ...defaults }, present, notice: `The address held an invalid setting (${f.name}=${raw}: ${r.message}); showing the defaults.` };
    values[f.key] = r.value;
  }
  return { values: values as ValuesOf<F>, notice: null, present };
}

/** The parameters of the table for these values (every field written, so a link is complete). */
export function writeFields<F extends readonly AnyField[]>(fields: F, values: ValuesOf<F>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f.name] = f.write((values as Record<string, unknown>)[f.key]);
  return out;
}

/** The names a table owns (to clear them before writing). */
export const namesOf = (fields: readonly AnyField[]): string[] => fields.map((f) => f.name);

export interface PackedOptions<V> {
  /** The separator between the fields (default ","). */
  sep?: string;
  /**
   * How many fields a link may hold (default: all of them). A shorter link (made before the later
   * fields existed) gives those later fields their defaults.
   */
  counts?: readonly number[];
  /** A rule across fields (an index within a list's length, a count that depends on a shape): true when the values fit together. */
  check?: (values: V) => boolean;
}

/**
 * A table packed into one parameter, its fields in order and joined by a separator (the widgets'
 * compact links, e.g. ?cs=0.5,2). The fields' own names are not used; their order is the format.
 * Returns null when the value is malformed (wrong count, a field not allowed, or the values do not
 * fit together by `check`).
 */
export function readPacked<F extends readonly AnyField[]>(fields: F, raw: string, options: string | PackedOptions<ValuesOf<F>> = ','): ValuesOf<F> | null {
  const { sep = ',', counts = [fields.length], check } = typeof options === 'string' ? { sep: options } : options;
  const parts = raw.split(sep);
  if (!counts.includes(parts.length) || parts.length > fields.length) return null;
  const values: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    if (i >= parts.length) {
      values[fields[i].key] = fields[i].default;
      continue;
    }
    const r = fields[i].read(parts[i]);
    if (!r.ok) return null;
    values[fields[i].key] = r.value;
  }
  const v = values as ValuesOf<F>;
  return check && !check(v) ? null : v;
}

/** A comma-separated list of numbers, each by `rule`, with between `minCount` and `maxCount` entries. */
export function listField<K extends string>(name: string, key: K, def: readonly number[], rule: NumberRule, minCount = 1, maxCount = Infinity): UrlField<K, number[]> {
  return customField(
    name,
    key,
    [...def],
    (t) => {
      const parts = t.trim() === '' ? [] : t.split(',');
      if (parts.length < minCount || parts.length > maxCount) return { ok: false, message: `expected ${minCount === maxCount ? minCount : `${minCount} to ${maxCount}`} numbers, got ${parts.length}` };
      const out: number[] = [];
      for (const p of parts) {
        const r = parseNumber(p, rule);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return { ok: true, value: out };
    },
    (v) => v.map(String).join(','),
  );
}

export function writePacked<F extends readonly AnyField[]>(fields: F, values: ValuesOf<F>, sep = ','): string {
  return fields.map((f) => f.write((values as Record<string, unknown>)[f.key])).join(sep);
}

export function readUrlParam(name: string): string | null {
  if (typeof window === 'undefined') return null;
  return new URLSearchParams(window.location.search).get(name);
}

export function writeUrlParam(name: string, value: string): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  url.searchParams.set(name, value);
  window.history.replaceState(window.history.state, '', url);
}

/** Replace the table's parameters in the address bar (other parameters are kept). */
export function writeUrlParams(names: readonly string[], params: Record<string, string>): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  for (const k of names) url.searchParams.delete(k);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  window.history.replaceState(window.history.state, '', url);
}
