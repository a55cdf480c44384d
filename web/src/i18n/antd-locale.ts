import type { Locale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import type { Lang } from '../../../contracts/messages.ts';

// antd ships its ES build without "type": "module", so under nodenext TypeScript sees the
// CommonJS shape ({ default }); Vite hands us the ES default export. Accept both.
const unwrap = (m: unknown): Locale => ((m as { default?: Locale }).default ?? m) as Locale;

export const antdLocale = (lang: Lang): Locale => (lang === 'en' ? unwrap(enUSModule) : unwrap(zhCNModule));
