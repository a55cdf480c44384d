import { createRoot } from 'react-dom/client';
import { ConfigProvider, Button } from 'antd';
import zhCN from 'antd/es/locale/zh_CN.js';
import { limits } from '../../contracts/common.ts';

createRoot(document.getElementById('root')!).render(
  <ConfigProvider locale={zhCN}>
    <Button>{limits.name}</Button>
  </ConfigProvider>,
);
