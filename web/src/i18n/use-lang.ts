import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../contracts/messages.ts';
import { ApiError } from '../api.ts';

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Text of any error in the UI language: the server's bilingual message when there is one. */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof ApiError) return e.text(lang);
  if (e instanceof Error) return e.message;
  return String(e);
}
