// A small board for read-side tests: one Prometheus source and panels of every kind.
import { boardSchema, type Board, type BoardInput } from '../../../src/shared/config-schema';

export function testBoard(panels: BoardInput['pages'][number]['panels']): Board {
  return boardSchema.parse({
    sources: {
      prometheus: [{ id: 'prom', url: 'http://127.0.0.1:9090', interval: '15s' }],
      health: [{ id: 'api', url: 'http://127.0.0.1:8080/health' }],
    },
    pages: [{ id: 'main', title: 'Main', panels }],
  });
}

export const INTERVALS = new Map([['prom', 15_000], ['api', 30_000]]);
