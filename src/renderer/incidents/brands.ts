// Brand name and colour for an incident's brand id, from the board.
import { useMemo } from 'react';
import { useWallboard } from '../store/index';

export interface BrandLook {
  name: string;
  color: string;
}

/** Brand id → name and colour; unknown ids are shown as they are, in a neutral colour. */
export function useBrandLook(): (id: string | undefined) => BrandLook | undefined {
  const brands = useWallboard((s) => s.board?.brands);
  return useMemo(() => {
    const map = new Map((brands ?? []).map((b) => [b.id, { name: b.name, color: b.color }]));
    return (id) => (id === undefined ? undefined : (map.get(id) ?? { name: id, color: '#8b98a5' }));
  }, [brands]);
}
