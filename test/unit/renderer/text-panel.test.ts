import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { panel as panelSchema } from '../../../src/shared/config-schema';
import { parseInline, parseMarkdown } from '../../../src/renderer/panels/text/markdown';
import { TextPanel } from '../../../src/renderer/panels/text/TextPanel';

function renderText(text: string): string {
  const panel = panelSchema.parse({ id: 't', type: 'text', text });
  return renderToStaticMarkup(createElement(TextPanel, { panel, pageId: 'p' }));
}

describe('text panel markdown', () => {
  it('parses headings, lists, code and paragraphs', () => {
    const blocks = parseMarkdown('# Title\n\nfirst line\nsecond line\n\n- a\n- b\n\n1. one\n2. two\n\n```\ncode <b>\n```');
    expect(blocks.map((b) => b.t)).toEqual(['h', 'p', 'ul', 'ol', 'pre']);
    expect(blocks[2]).toMatchObject({ t: 'ul', items: [[{ t: 'text', v: 'a' }], [{ t: 'text', v: 'b' }]] });
    expect(blocks[4]).toEqual({ t: 'pre', v: 'code <b>' });
  });

  it('parses bold, italic, code and links inline', () => {
    expect(parseInline('a **b** *c* `d` [e](http://x)')).toEqual([
      { t: 'text', v: 'a ' },
      { t: 'strong', c: [{ t: 'text', v: 'b' }] },
      { t: 'text', v: ' ' },
      { t: 'em', c: [{ t: 'text', v: 'c' }] },
      { t: 'text', v: ' ' },
      { t: 'code', v: 'd' },
      { t: 'text', v: ' ' },
      { t: 'link', c: [{ t: 'text', v: 'e' }], href: 'http://x' },
    ]);
  });

  it('renders markup as elements', () => {
    const html = renderText('## Runbook\n\nCall **on-call** via `pager`');
    expect(html).toContain('<h3>Runbook</h3>');
    expect(html).toContain('<strong>on-call</strong>');
    expect(html).toContain('<code>pager</code>');
  });

  it('renders HTML in the source as text, never as elements', () => {
    const html = renderText('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> **<b>x</b>**');
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows links as their label and never as anchors, whatever the scheme', () => {
    const html = renderText('[click me](javascript:alert(1))');
    expect(html).not.toContain('<a');
    expect(html).toContain('click me');
  });
});
