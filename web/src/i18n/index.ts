import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../../contracts/messages.ts';
import { setApiLanguage } from '../api.ts';
import { zhCN } from './zh-CN.ts';

const storageKey = 'lianxin.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = i18next.createInstance();

// The English catalogue is a chunk of its own, fetched only by those who read English: most
// users never need it, and the login page stays small on a weak network.
async function loadEnglish(): Promise<void> {
  if (i18n.hasResourceBundle('en', 'translation')) return;
  const { en } = await import('./en.ts');
  i18n.addResourceBundle('en', 'translation', en);
}

export async function initI18n(): Promise<Lang> {
  const lang = storedLang();
  void i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN } },
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  if (lang === 'en') {
    await loadEnglish();
    await i18n.changeLanguage('en');
  }
  applyLang(lang);
  return lang;
}

function applyLang(lang: Lang): void {
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  document.title =
    lang === 'en' ? "Lianxin · CPPCC members' liaison platform" : '连心 · 政协委员联系界别群众平台';
}

export async function changeLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // private mode: the switch still works for this visit
  }
  if (lang === 'en') await loadEnglish();
  applyLang(lang);
  await i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
