// Runs in the page (read as text and evaluated, so no build step renames anything): the layout
// faults of the screen as it is, one line each. See tests/e2e/layout-1024.test.ts.
/* global document, getComputedStyle, innerHeight, innerWidth, NodeFilter */
(() => {
  const out = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && r.bottom > 0 && r.top < innerHeight;
  };
  const name = (el) =>
    `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
  if (document.documentElement.scrollWidth > innerWidth) out.push(`the window scrolls sideways (${document.documentElement.scrollWidth}px)`);

  // Titles: never clipped, never squeezed below their one-line width (or 240px for a long one).
  const measure = document.createElement('span');
  measure.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;left:-10000px';
  document.body.append(measure);
  const titles = 'main h1, main h2, dialog[open] h2, .tab, .nav-item, .contract-title, .contract-list-header > span, .reminder-title, main .btn';
  for (const h of Array.from(document.querySelectorAll(titles))) {
    if (!visible(h)) continue;
    const style = getComputedStyle(h);
    measure.style.font = style.font;
    measure.style.letterSpacing = style.letterSpacing;
    // Only the text a person sees: words kept for screen readers alone (1px boxes) are left out.
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    let shown = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && node.parentElement.getBoundingClientRect().width > 1) shown += node.textContent;
    }
    measure.textContent = shown;
    const natural = measure.getBoundingClientRect().width;
    const width = h.getBoundingClientRect().width;
    const room = Math.min(natural, 240);
    // A long title may end in an ellipsis once it has its room; a short one is never cut.
    const ellipsis = style.textOverflow === 'ellipsis' && width + 1 >= room;
    if (h.scrollWidth > h.clientWidth + 1 && !ellipsis) out.push(`${name(h)} is clipped`);
    if (width + 1 < room) out.push(`${name(h)} is squeezed to ${Math.round(width)}px (needs ${Math.round(room)})`);
  }
  measure.remove();

  // Overlaps: headings, buttons, fields, tabs and labels of the screen must not cover each other.
  const items = Array.from(
    document.querySelectorAll('main h1, main h2, main h3, main button, main input, main select, main label, main .tab, main .badge, main .status-badge'),
  ).filter(visible);
  const boxes = items.map((el) => ({ el, r: el.getBoundingClientRect() }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (x > 2 && y > 2) out.push(`${name(a.el)} overlaps ${name(b.el)}`);
    }
  }
  return out;
})();
