// antd tables scroll sideways inside `.ant-table-content`; a keyboard user can only scroll a
// region that takes focus (axe: scrollable-region-focusable). Make every such region focusable.
const selector = '.ant-table-content, .ant-table-body';

function mark(root: ParentNode) {
  for (const el of root.querySelectorAll<HTMLElement>(selector)) {
    if (!el.hasAttribute('tabindex')) el.tabIndex = 0;
  }
}

export function installA11yFixes(): void {
  mark(document);
  new MutationObserver(() => mark(document)).observe(document.body, { childList: true, subtree: true });
}
