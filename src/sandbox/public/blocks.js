// Block Kit, rendered as Slack shows it: header, section (text, fields, accessory), context,
// divider, actions (buttons with styles and confirm dialogs), image, rich_text and input (labels).
(function () {
  'use strict';
  const { mrkdwn, plain, escapeHtml } = window.Mrkdwn;

  function el(tag, className, html) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (html !== undefined) node.innerHTML = html;
    return node;
  }

  function text(obj, ctx) {
    if (!obj) return '';
    if (typeof obj === 'string') return mrkdwn(obj, ctx);
    return obj.type === 'mrkdwn' ? mrkdwn(obj.text, ctx) : plain(obj.text, obj.emoji !== false);
  }

  function element(item, block, options) {
    if (!item) return el('span');
    switch (item.type) {
      case 'button': {
        const button = el(
          'button',
          `bk-button${item.style ? ` bk-${item.style}` : ''}`,
          plain(item.text?.text),
        );
        button.type = 'button';
        button.dataset.actionId = item.action_id || '';
        button.dataset.blockId = block.block_id || '';
        if (item.value !== undefined) button.dataset.value = item.value;
        if (item.url) {
          button.addEventListener('click', () => window.open(item.url, '_blank', 'noopener'));
        } else {
          button.addEventListener('click', () => options.onAction(item, block, button));
        }
        return button;
      }
      case 'image': {
        const img = el('img', 'bk-image-small');
        img.src = item.image_url;
        img.alt = item.alt_text || '';
        return img;
      }
      case 'overflow':
      case 'static_select':
      case 'users_select':
      case 'datepicker': {
        const placeholder = item.placeholder?.text || (item.type === 'overflow' ? '⋯' : 'Select');
        const fake = el('span', 'bk-select', `${escapeHtml(placeholder)} ▾`);
        fake.title = 'Not supported in the sandbox';
        return fake;
      }
      default:
        return el('span', 'bk-unknown', escapeHtml(`[${item.type}]`));
    }
  }

  function richText(block, ctx) {
    const out = el('div', 'bk-rich');
    for (const section of block.elements || []) {
      const inner = (section.elements || [])
        .map((e) => {
          if (e.type === 'text') {
            let h = plain(e.text);
            if (e.style?.bold) h = `<b>${h}</b>`;
            if (e.style?.italic) h = `<i>${h}</i>`;
            if (e.style?.strike) h = `<s>${h}</s>`;
            if (e.style?.code) h = `<code>${h}</code>`;
            return h;
          }
          if (e.type === 'link')
            return `<a href="${escapeHtml(e.url)}" target="_blank" rel="noopener">${plain(e.text || e.url)}</a>`;
          if (e.type === 'user')
            return `<span class="mention">@${escapeHtml(ctx.user(e.user_id)?.realName || e.user_id)}</span>`;
          if (e.type === 'emoji') return mrkdwn(`:${e.name}:`, ctx);
          if (e.type === 'rich_text_section')
            return (e.elements || []).map((x) => plain(x.text || '')).join('');
          return '';
        })
        .join('')
        .replace(/\n/g, '<br>');
      const tag =
        section.type === 'rich_text_preformatted'
          ? 'pre'
          : section.type === 'rich_text_quote'
            ? 'blockquote'
            : 'div';
      out.appendChild(el(tag, '', inner));
    }
    return out;
  }

  function block(b, options) {
    const ctx = options.ctx;
    switch (b.type) {
      case 'header':
        return el('div', 'bk-header', text(b.text, ctx));
      case 'divider':
        return el('hr', 'bk-divider');
      case 'section': {
        const node = el('div', 'bk-section');
        const body = el('div', 'bk-section-body');
        if (b.text) body.appendChild(el('div', 'bk-text', text(b.text, ctx)));
        if (b.fields?.length) {
          const grid = el('div', 'bk-fields');
          for (const f of b.fields) grid.appendChild(el('div', 'bk-field', text(f, ctx)));
          body.appendChild(grid);
        }
        node.appendChild(body);
        if (b.accessory) {
          const acc = el('div', 'bk-accessory');
          if (b.accessory.type === 'image') {
            const img = el('img', 'bk-accessory-image');
            img.src = b.accessory.image_url;
            img.alt = b.accessory.alt_text || '';
            acc.appendChild(img);
          } else {
            acc.appendChild(element(b.accessory, b, options));
          }
          node.appendChild(acc);
        }
        return node;
      }
      case 'context': {
        const node = el('div', 'bk-context');
        for (const item of b.elements || []) {
          if (item.type === 'image') node.appendChild(element(item, b, options));
          else node.appendChild(el('span', 'bk-context-item', text(item, ctx)));
        }
        return node;
      }
      case 'actions': {
        const node = el('div', 'bk-actions');
        for (const item of b.elements || []) node.appendChild(element(item, b, options));
        return node;
      }
      case 'image': {
        const node = el('div', 'bk-image');
        if (b.title) node.appendChild(el('div', 'bk-image-title', text(b.title, ctx)));
        const img = el('img');
        img.src = b.image_url;
        img.alt = b.alt_text || '';
        node.appendChild(img);
        return node;
      }
      case 'rich_text':
        return richText(b, ctx);
      case 'input':
        return el(
          'div',
          'bk-input',
          `${text(b.label, ctx)} <span class="muted">(inputs are not supported in the sandbox)</span>`,
        );
      default:
        return el('div', 'bk-unknown', escapeHtml(`[${b.type} block]`));
    }
  }

  /** Renders blocks into a container; options: { ctx, onAction(element, block, buttonNode) }. */
  function render(blocks, options) {
    const container = el('div', 'bk');
    for (const b of blocks || []) container.appendChild(block(b, options));
    return container;
  }

  window.Blocks = { render, text };
})();
