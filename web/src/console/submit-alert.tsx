import { Alert } from 'antd';
import { errorText, useLang } from '../i18n/use-lang.ts';

// Its own file, not form-modal.tsx's: the login page shows it, and importing it from there
// would put antd's Modal on the login page's first load (e2e/console-size.test.ts).

/** The error of a form's last try, above its fields; nothing while there is none. */
export function SubmitAlert({ error }: { error: unknown }) {
  const lang = useLang();
  if (error === null) return null;
  return (
    <Alert type="error" showIcon role="alert" title={errorText(error, lang)} style={{ marginBottom: 16 }} />
  );
}
