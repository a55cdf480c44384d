import type { ThemeConfig } from 'antd';

// Elderly/office friendly: 16px base text, and colours that pass WCAG AA contrast on white
// (antd's default blue #1677ff and 45%-black secondary text do not).
export const theme: ThemeConfig = {
  token: {
    fontSize: 16,
    colorPrimary: '#0a4fb8',
    colorLink: '#0a4fb8',
    colorError: '#b3261e',
    colorSuccess: '#2e6b1f',
    colorWarning: '#8a5300',
    colorInfo: '#0a4fb8',
    colorText: 'rgba(0, 0, 0, 0.9)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.66)',
    colorTextDescription: 'rgba(0, 0, 0, 0.66)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorTextLabel: 'rgba(0, 0, 0, 0.8)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#8b1a1a', siderBg: '#ffffff', headerPadding: '0 16px' },
    Menu: { itemSelectedColor: '#0a4fb8' },
  },
};
