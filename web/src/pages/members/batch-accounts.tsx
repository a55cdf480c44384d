import { useState } from 'react';
import { Alert, Button, Form, List, Modal, Radio, Result, Typography } from 'antd';
import { FilePdfOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AccountBatchResult } from '../../../../contracts/auth.ts';
import { chinaTime } from '../../../../contracts/china-time.ts';
import { call } from '../../api.ts';
import { FormModal } from '../../console/form-modal.tsx';
import { useSubmit } from '../../console/use-submit.ts';

type Values = { who: 'selected' | 'committee'; delivery: 'sms' | 'slips' };

/** The sealed slips, saved once: the PDF lives only in this page's memory until then. */
function saveSlips(base64: string, name: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Member accounts for the rows ticked in the roster, or for every active member of the
 * committee filtered on, in one request; initial passwords by SMS or on sealed slips to print.
 */
export function BatchAccounts({
  selectedIds,
  committeeId,
  onDone,
}: {
  selectedIds: string[];
  committeeId?: string;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<AccountBatchResult | null>(null);
  const [slipsSaved, setSlipsSaved] = useState(false);
  const [form] = Form.useForm<Values>();
  const submit = useSubmit(async (v: Values) => {
    const body =
      v.who === 'selected'
        ? { memberIds: selectedIds, delivery: v.delivery }
        : { committeeId: committeeId!, delivery: v.delivery };
    setResult(await call('POST /api/accounts/batch', { body }));
    setSlipsSaved(false);
    setOpen(false);
    onDone();
  });
  const reasons = (r: AccountBatchResult['skipped'][number]['reason']) => t(`members.batch.skip.${r}`);

  return (
    <>
      <Button
        icon={<UserAddOutlined />}
        disabled={!selectedIds.length && !committeeId}
        onClick={() => {
          form.setFieldsValue({ who: selectedIds.length ? 'selected' : 'committee', delivery: 'slips' });
          submit.setError(null);
          setOpen(true);
        }}
      >
        {t('members.batch.button')}
      </Button>
      <FormModal<Values>
        open={open}
        title={t('members.batch.title')}
        name="batch-accounts"
        form={form}
        submit={submit}
        okText={t('members.batch.ok')}
        hint={t('members.batch.hint')}
        onFinish={(v) => void submit.run(v)}
        onCancel={() => setOpen(false)}
      >
        <Form.Item label={t('members.batch.who')} name="who">
          <Radio.Group>
            <Radio value="selected" disabled={!selectedIds.length}>
              {t('members.batch.selected', { n: selectedIds.length })}
            </Radio>
            <Radio value="committee" disabled={!committeeId}>
              {t('members.batch.committee')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('members.batch.delivery')} name="delivery">
          <Radio.Group>
            <Radio value="slips">{t('members.batch.slips')}</Radio>
            <Radio value="sms">{t('members.batch.sms')}</Radio>
          </Radio.Group>
        </Form.Item>
      </FormModal>
      <Modal
        open={result !== null}
        title={t('members.batch.resultTitle')}
        onCancel={() => setResult(null)}
        footer={<Button onClick={() => setResult(null)}>{t('common.close')}</Button>}
      >
        {result && (
          <>
            <Result
              status="success"
              title={t('members.batch.created', { n: result.created.length })}
              subTitle={result.delivery === 'sms' ? t('members.batch.smsSent') : t('members.batch.slipsOnce')}
              style={{ padding: 16 }}
            />
            {result.slipsPdf && !slipsSaved && (
              <Button
                type="primary"
                block
                icon={<FilePdfOutlined />}
                onClick={() => {
                  saveSlips(
                    result.slipsPdf!,
                    `委员账号密码条-${chinaTime(new Date()).slice(0, 10).replace(/-/g, '')}.pdf`,
                  );
                  // Once: the passwords leave the page's memory with the file.
                  setResult({ ...result, slipsPdf: null });
                  setSlipsSaved(true);
                }}
              >
                {t('members.batch.downloadSlips')}
              </Button>
            )}
            {slipsSaved && <Alert type="info" showIcon title={t('members.batch.slipsSaved')} />}
            {result.skipped.length > 0 && (
              <List
                style={{ marginTop: 12 }}
                size="small"
                header={
                  <Typography.Text strong>
                    {t('members.batch.skipped', { n: result.skipped.length })}
                  </Typography.Text>
                }
                dataSource={result.skipped}
                renderItem={(s) => (
                  <List.Item>
                    {s.name}：{reasons(s.reason)}
                  </List.Item>
                )}
              />
            )}
          </>
        )}
      </Modal>
    </>
  );
}
