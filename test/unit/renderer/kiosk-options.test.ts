// Kiosk URL options: ?kiosk=1 (cursor hides) and ?pages=a,b (a display's own pages).
import { describe, expect, it } from 'vitest';
import type { BoardView } from '../../../src/shared/api';
import { onlyPages } from '../../../src/shared/view/page-filter';
import { parseUrlOptions } from '../../../src/shared/view/url-options';

const board = { title: 't', pages: [{ id: 'ops' }, { id: 'db' }, { id: 'web' }] } as unknown as BoardView;

describe('kiosk URL options', () => {
  it('reads ?kiosk=1 and ?pages=', () => {
    expect(parseUrlOptions('?kiosk=1&pages=db,web')).toMatchObject({ kiosk: true, pages: ['db', 'web'] });
    expect(parseUrlOptions('')).toMatchObject({ kiosk: false });
    expect(parseUrlOptions('?pages=').pages).toBeUndefined();
  });

  it('keeps only the listed pages in the board order, and the whole board when none exists', () => {
    expect(onlyPages(board, ['web', 'ops']).pages.map((p) => p.id)).toEqual(['ops', 'web']);
    expect(onlyPages(board, ['gone']).pages.map((p) => p.id)).toEqual(['ops', 'db', 'web']);
    expect(onlyPages(board, null)).toBe(board);
  });
});
