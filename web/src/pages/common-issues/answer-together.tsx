import { useState } from 'react';
import { Alert, App, Button, Input, Modal } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CommonIssueDetail } from '../../../../contracts/common-issues.ts';
import { concernLimits } from '../../../../contracts/concerns.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

const open = new Set(['submitted', 'accepted', 'reopened']);

/**
 * One answer for every concern of the issue still open: each citizen reads it on their own
 * concern (and gets their own SMS). Those already answered, closed or elsewhere are left, and
 * the result says how many of each.
 */
export function AnswerTogether({ issue, onChanged }: { issue: CommonIssueDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [shown, setShown] = useState(false);
  const [text, setText] = useState('');
  const waiting = issue.concerns.filter((c) => open.has(c.status)).length;
  const send = useSubmit(async () => {
    const r = await call('POST /api/common-issues/:id/answer-together', {
      params: { id: issue.id },
      body: { text },
    });
    void message.success(t('commonIssues.together.done', { n: r.answered.length, m: r.skipped.length }));
    setShown(false);
    setText('');
    onChanged();
  });
  return (
    <>
      <Button icon={<MessageOutlined />} disabled={waiting === 0} onClick={() => setShown(true)}>
        {t('commonIssues.together.button')}
      </Button>
      <Modal
        open={shown}
        title={t('commonIssues.together.title')}
        okText={t('commonIssues.together.send', { n: waiting })}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !text.trim(), loading: send.busy }}
        onOk={() => void send.run()}
        onCancel={() => setShown(false)}
      >
        <p>{t('commonIssues.together.hint', { n: waiting })}</p>
        <label htmlFor="ci-together-text" className="lx-filter-label">
          {t('commonIssues.together.text')}
        </label>
        <Input.TextArea
          id="ci-together-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={6}
          maxLength={concernLimits.reply}
          showCount
        />
        {send.error !== null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={errorText(send.error, lang)}
            style={{ marginTop: 8 }}
          />
        )}
      </Modal>
    </>
  );
}
