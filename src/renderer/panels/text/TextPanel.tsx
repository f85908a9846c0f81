// text: a safe markdown subset rendered as React elements. Never dangerouslySetInnerHTML.
import { useMemo, type ReactNode } from 'react';
import type { PanelProps } from '../types';
import { parseMarkdown, type Block, type Inline } from './markdown';
import './text.css';

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.t) {
      case 'text':
        return n.v;
      case 'code':
        return <code key={i}>{n.v}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(n.c)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(n.c)}</em>;
      case 'link':
        // why: the wall is not a browser; a link is shown as its label, with the target as a tooltip
        return (
          <span key={i} className="wb-text__link" title={n.href}>
            {renderInline(n.c)}
          </span>
        );
    }
  });
}

function renderBlock(b: Block, i: number): ReactNode {
  switch (b.t) {
    case 'h': {
      const H = `h${Math.min(b.level + 1, 6)}` as 'h2';
      return <H key={i}>{renderInline(b.c)}</H>;
    }
    case 'p':
      return <p key={i}>{renderInline(b.c)}</p>;
    case 'ul':
    case 'ol': {
      const L = b.t;
      return (
        <L key={i}>
          {b.items.map((item, j) => (
            <li key={j}>{renderInline(item)}</li>
          ))}
        </L>
      );
    }
    case 'pre':
      return (
        <pre key={i}>
          <code>{b.v}</code>
        </pre>
      );
  }
}

export function TextPanel({ panel }: PanelProps): React.JSX.Element {
  const blocks = useMemo(() => parseMarkdown(panel.text ?? ''), [panel.text]);
  return <div className="wb-text">{blocks.map(renderBlock)}</div>;
}
