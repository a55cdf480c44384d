import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { concernLimits } from '../../../../contracts/concerns.ts';
import type { ReplyTemplate } from '../../../../contracts/reply-templates.ts';
import { replyTemplateLimits } from '../../../../contracts/reply-templates.ts';
import { call } from '../../api.ts';
import { FormModal } from '../../console/form-modal.tsx';
import { useLoad } from '../../console/use-load.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

type Values = { title: string; body: string };

/**
 * The committee's reply templates (答复模板): staff keep them here; members and departments of
 * this committee and those below start a reply from one.
 */
export function ReplyTemplates({ committeeId }: { committeeId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const list = useLoad(() => call('GET /api/reply-templates', { query: { committeeId } }), [committeeId]);
  const [editing, setEditing] = useState<ReplyTemplate | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const submit = useSubmit(
    async (v: Values) => {
      if (editing === 'new') await call('POST /api/reply-templates', { body: { committeeId, ...v } });
      else if (editing) await call('PATCH /api/reply-templates/:id', { params: { id: editing.id }, body: v });
      void message.success(t('settings.templates.saved'));
      setEditing(null);
      list.reload();
    },
    { form, alert: 'unless-fields' },
  );
  const { setError } = submit;
  useEffect(() => {
    if (editing === null) return;
    setError(null);
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue({ title: editing.title, body: editing.body });
  }, [editing, form, setError]);
  const remove = async (it: ReplyTemplate) => {
    try {
      await call('DELETE /api/reply-templates/:id', { params: { id: it.id } });
      void message.success(t('settings.templates.deleted'));
      list.reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };

  return (
    <Card
      title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('settings.templates.title')}</h2>}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('settings.templates.add')}
        </Button>
      }
      style={{ marginTop: 16 }}
    >
      <p className="lx-hint">{t('settings.templates.hint')}</p>
      {list.error !== null && <Alert type="error" showIcon title={errorText(list.error, lang)} />}
      <Table<ReplyTemplate>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('settings.templates.none') }}
        columns={[
          { key: 'title', title: t('settings.templates.name'), dataIndex: 'title', width: 220 },
          {
            key: 'body',
            title: t('settings.templates.body'),
            dataIndex: 'body',
            ellipsis: true,
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 160,
            render: (_, it) => (
              <Space>
                <Button size="small" onClick={() => setEditing(it)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('settings.templates.deleteAsk', { name: it.title })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => void remove(it)}
                >
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <FormModal<Values>
        open={editing !== null}
        title={editing === 'new' ? t('settings.templates.add') : t('settings.templates.edit')}
        name="reply-template"
        form={form}
        submit={submit}
        onFinish={(v) => void submit.run(v)}
        onCancel={() => setEditing(null)}
        requiredMark={false}
      >
        <Form.Item
          label={t('settings.templates.name')}
          name="title"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('auth.required', { field: t('settings.templates.name') }),
            },
          ]}
        >
          <Input maxLength={replyTemplateLimits.title} />
        </Form.Item>
        <Form.Item
          label={t('settings.templates.body')}
          name="body"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('auth.required', { field: t('settings.templates.body') }),
            },
          ]}
        >
          <Input.TextArea rows={6} maxLength={concernLimits.reply} showCount />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
