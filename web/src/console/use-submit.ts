import { useState } from 'react';
import type { FormInstance } from 'antd';
import { useLang } from '../i18n/use-lang.ts';
import { applyFieldErrors } from './form-errors.ts';

export type SubmitOptions = {
  /** The server's per-field problems are put on this form's items. */
  form?: FormInstance;
  /**
   * `always` (default): the error is also shown as a whole, above the form;
   * `unless-fields`: only when no field could be marked (a short form says it on the field alone).
   */
  alert?: 'always' | 'unless-fields';
  /** Called with every failure, after the fields are marked (a toast, a dialog to close). */
  onError?(e: unknown, fieldsMarked: boolean): void;
};

export type Submit<A extends unknown[]> = {
  busy: boolean;
  /** The last failure, null when there is none (or it was shown on the fields alone). */
  error: unknown;
  setError(e: unknown): void;
  /** Runs the action once: busy meanwhile, the error kept; true when it succeeded. */
  run(...args: A): Promise<boolean>;
};

/** The busy flag, error and field errors every form that sends a request needs. */
export function useSubmit<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
  opts: SubmitOptions = {},
): Submit<A> {
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(...args: A): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action(...args);
      return true;
    } catch (e) {
      const marked = opts.form ? applyFieldErrors(opts.form, e, lang) : false;
      if (!marked || opts.alert !== 'unless-fields') setError(e);
      opts.onError?.(e, marked);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
