import { SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { searchLimits } from '../../../../contracts/search.ts';

/** The search box in the console header: opens the results page (or searches again on it). */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const onResults = location.pathname === '/search';
  const current = onResults ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  // The box shows the results page's query (back and forward included) and otherwise keeps
  // what is typed: it was remounted on every navigation, which wiped words typed just after
  // leaving the results page (the browser test's second search, now and then).
  const [value, setValue] = useState(current);
  // Follows the results page's query while rendering (not in an effect, which would paint the
  // old text first); `null` off the results page, where the box keeps what was typed.
  const shown = onResults ? current : null;
  const [followed, setFollowed] = useState(shown);
  if (shown !== followed) {
    setFollowed(shown);
    if (shown !== null) setValue(shown);
  }
  return (
    <form role="search" className="lx-header-search" onSubmit={(e) => e.preventDefault()}>
      <Input.Search
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        maxLength={searchLimits.query}
        // Its own name: pages have their own 搜索 buttons, and two alike confuse screen readers.
        enterButton={<Button type="primary" aria-label={t('search.submit')} icon={<SearchOutlined />} />}
        onSearch={(value) => {
          const q = value.trim();
          if (q) void navigate(`/search?q=${encodeURIComponent(q)}`);
        }}
      />
    </form>
  );
}
