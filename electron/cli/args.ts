import { settingsSchema, type Settings } from '../core/workspace/settings.js';
import { UsageError } from './command.js';

/** --seller MARKETPLACE:ID as given on the command line. */
export function sellerArg(value: unknown, flag = '--seller'): { marketplace: string; sellerKey: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^([a-z0-9][a-z0-9.-]*):(.+)$/i.exec(value.trim());
  if (!m) throw new UsageError(`${flag} ${value}: expected MARKETPLACE:ID, e.g. ebay:luxury_deals_88 or amazon.de:A1B2C3D4E5F6G7`);
  return { marketplace: m[1]!.toLowerCase(), sellerKey: m[2]! };
}

export function positiveInt(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} ${String(value)}: expected a whole number from ${min} to ${max}`);
  return n;
}

export function stringValues(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** Settings given on the command line, checked against what the workspace accepts before anything is written. */
export function checkedSettings<T extends Partial<Settings>>(patch: T): T {
  const parsed = settingsSchema.partial().safeParse(patch);
  if (parsed.success) return patch;
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0]);
  const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const max = issue.code === 'too_big' ? ` at most ${String(issue.maximum)} characters (this one has ${String(patch[key as keyof T]).trim().length})` : ` ${issue.message}`;
  throw new UsageError(`${flag}:${max}. Nothing was changed.`);
}
