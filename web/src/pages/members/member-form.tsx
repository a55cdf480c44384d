import { useEffect } from 'react';
import { Button, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ethnicGroups, politicalAffiliations } from '../../../../contracts/code-lists.ts';
import { limits } from '../../../../contracts/common.ts';
import { genders, positions } from '../../../../contracts/members.ts';
import type { MemberDetail } from '../../../../contracts/members.ts';
import { call } from '../../api.ts';
import { SubmitAlert } from '../../console/submit-alert.tsx';
import { useSubmit } from '../../console/use-submit.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import { PersonPicker } from './person-picker.tsx';
import { useOrgOptions } from './use-org-options.ts';

type Values = {
  mode: 'new' | 'existing';
  committeeId: string;
  personId?: string;
  name?: string;
  gender?: (typeof genders)[number];
  ethnicity?: string;
  birthMonth?: string;
  party?: string;
  phone?: string;
  sectorId?: string;
  specialCommitteeId?: string;
  workUnitPost: string;
  position: (typeof positions)[number];
  joinedOn?: string;
};

type Props = {
  detail?: MemberDetail;
  defaultCommitteeId: string;
  onSaved(d: MemberDetail): void;
  onCancel(): void;
};

const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** Create a seat (new person or an existing one) or edit a member's person and seat fields. */
export function MemberForm({ detail, defaultCommitteeId, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? 'new';
  const committeeId =
    Form.useWatch('committeeId', form) ?? detail?.membership.committeeId ?? defaultCommitteeId;
  const options = useOrgOptions(committeeId);

  useEffect(() => {
    form.resetFields();
    if (!detail) return;
    const { person: p, membership: m } = detail;
    form.setFieldsValue({
      name: p.name,
      gender: p.gender,
      ethnicity: p.ethnicity ?? undefined,
      birthMonth: p.birthMonth ?? '',
      party: p.party ?? undefined,
      phone: '',
      sectorId: m.sectorId ?? undefined,
      specialCommitteeId: m.specialCommitteeId ?? undefined,
      workUnitPost: m.workUnitPost,
      position: m.position,
      joinedOn: m.joinedOn ?? '',
    });
  }, [detail, form]);

  const submit = useSubmit(
    async (v: Values) => {
      const seat = {
        sectorId: v.sectorId ?? null,
        specialCommitteeId: v.specialCommitteeId ?? null,
        workUnitPost: v.workUnitPost,
        position: v.position,
        joinedOn: blankToNull(v.joinedOn),
      };
      const person = {
        name: v.name,
        gender: v.gender,
        ethnicity: v.ethnicity ?? '',
        birthMonth: blankToNull(v.birthMonth),
        party: v.party ?? '',
      };
      const phone = blankToNull(v.phone);
      const saved = detail
        ? await call('PATCH /api/members/:id', {
            params: { id: detail.id },
            body: { ...person, ...(phone ? { phone } : {}), ...seat },
          })
        : await call('POST /api/members', {
            body:
              v.mode === 'existing'
                ? { personId: v.personId ?? '', committeeId: v.committeeId, ...seat }
                : // name and gender are required by the form whenever a new person's fields show
                  {
                    ...person,
                    name: v.name ?? '',
                    gender: v.gender!,
                    phone,
                    committeeId: v.committeeId,
                    ...seat,
                  },
          });
      onSaved(saved);
    },
    { form },
  );

  const req = (label: string) => ({
    required: true,
    whitespace: true,
    message: t('auth.required', { field: label }),
  });
  const showPerson = !!detail || mode === 'new';

  return (
    <Form<Values>
      form={form}
      name="member"
      layout="vertical"
      onFinish={(v) => void submit.run(v)}
      // Nothing about the person is preselected: a default gender gets saved unread.
      initialValues={{ mode: 'new', committeeId: defaultCommitteeId, position: 'member' }}
    >
      <SubmitAlert error={submit.error} />
      {!detail && (
        <>
          <Form.Item label={t('members.mode')} name="mode">
            <Radio.Group
              options={[
                { value: 'new', label: t('members.modeNew') },
                { value: 'existing', label: t('members.modeExisting') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('members.committee')} name="committeeId" rules={[{ required: true }]}>
            <CommitteeSelect style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      {!detail && mode === 'existing' && (
        <Form.Item
          label={t('members.existingPerson')}
          name="personId"
          extra={t('members.existingPersonHint')}
          rules={[{ required: true, message: t('auth.required', { field: t('members.existingPerson') }) }]}
        >
          <PersonPicker />
        </Form.Item>
      )}
      {showPerson && (
        <>
          <Form.Item label={t('members.name')} name="name" rules={[req(t('members.name'))]}>
            <Input maxLength={limits.personName} />
          </Form.Item>
          <Form.Item
            label={t('members.gender')}
            name="gender"
            rules={[{ required: true, message: t('auth.required', { field: t('members.gender') }) }]}
          >
            <Radio.Group options={genders.map((g) => ({ value: g, label: t(`members.genderValue.${g}`) }))} />
          </Form.Item>
          <Form.Item label={t('members.ethnicity')} name="ethnicity">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('members.pickFromList')}
              options={ethnicGroups.map((e) => ({ value: e, label: e }))}
            />
          </Form.Item>
          <Form.Item
            label={t('members.birthMonth')}
            name="birthMonth"
            // The form holds '1970-05', as the API does; the picker shows it as a month.
            getValueProps={(v?: string) => ({ value: v ? dayjs(`${v}-01`) : null })}
            normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM') : '')}
          >
            <DatePicker
              picker="month"
              format="YYYY-MM"
              placeholder="1970-05"
              minDate={dayjs('1900-01-01')}
              maxDate={dayjs()}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item label={t('members.party')} name="party">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('members.pickFromList')}
              options={politicalAffiliations.map((p) => ({ value: p, label: p }))}
            />
          </Form.Item>
          <Form.Item
            label={t('members.phone')}
            name="phone"
            extra={
              detail?.person.phoneMasked
                ? t('members.phoneKeep', { masked: detail.person.phoneMasked })
                : undefined
            }
            rules={[{ pattern: /^\s*(1[3-9]\d{9})?\s*$/, message: t('members.phoneRule') }]}
          >
            <Input maxLength={11} inputMode="tel" autoComplete="off" />
          </Form.Item>
        </>
      )}
      <Form.Item label={t('members.sector')} name="sectorId">
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options.sectors} />
      </Form.Item>
      <Form.Item label={t('members.specialCommittee')} name="specialCommitteeId">
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options.specialCommittees} />
      </Form.Item>
      <Form.Item
        label={t('members.workUnitPost')}
        name="workUnitPost"
        rules={[req(t('members.workUnitPost'))]}
      >
        <Input maxLength={limits.workUnitPost} />
      </Form.Item>
      <Form.Item label={t('members.position')} name="position">
        <Select options={positions.map((p) => ({ value: p, label: t(`members.positionValue.${p}`) }))} />
      </Form.Item>
      <Form.Item label={t('members.joinedOn')} name="joinedOn">
        <Input type="date" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={submit.busy}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
