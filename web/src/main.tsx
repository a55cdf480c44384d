import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installA11yFixes } from './console/a11y.ts';
import { App } from './console/app.tsx';
import { initI18n } from './i18n/index.ts';
import './styles.css';

installA11yFixes();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// Rendered once the language is known (English comes as a chunk of its own).
void initI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
