// Board files for source tests, validated by the real schema so defaults match production.
import { boardSchema, type Board, type BoardInput } from '../../../src/shared/config-schema';
import type { PollContext } from '../../../src/main/engine/sources/source';

export function makeBoard(input: Partial<BoardInput> & Pick<BoardInput, 'sources'>): Board {
  return boardSchema.parse({ pages: [{ id: 'p', title: 'P', panels: [{ id: 'text', type: 'text', text: 'x' }] }], ...input });
}

export function ctxFor(board: Board, now: number, last: Record<string, number> = {}, signal = new AbortController().signal): PollContext {
  return { signal, now, board, lastSampleAt: (q) => last[q] };
}
