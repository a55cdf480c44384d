import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';

/**
 * Start a reply from one of the templates staff keep (this committee's first, then those of the
 * committees above); picking one puts its text in the reply box, to be adapted.
 */
export function ReplyTemplatePicker({ onPick }: { onPick(body: string): void }) {
  const { t } = useTranslation();
  const list = useLoad(() => call('GET /api/reply-templates', {}), []);
  const items = list.data?.items ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  if (!list.loading && items.length === 0) return null;
  return (
    <div style={{ marginBottom: 12 }}>
      <label htmlFor="reply-template" className="lx-filter-label">
        {t('settings.templates.pick')}
      </label>
      <Select
        id="reply-template"
        style={{ width: '100%' }}
        loading={list.loading}
        placeholder={t('settings.templates.pickHint')}
        showSearch={{ optionFilterProp: 'label' }}
        value={picked}
        onChange={(id: string) => {
          const it = items.find((x) => x.id === id);
          setPicked(id);
          if (it) onPick(it.body);
        }}
        options={items.map((x) => ({ value: x.id, label: `${x.title}（${x.committeeName}）` }))}
      />
    </div>
  );
}
