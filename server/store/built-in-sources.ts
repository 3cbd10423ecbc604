import { PARTITION_METHOD } from '../../geo/partition-commune.ts';
import type { SourceDocument } from '../../geo/seed-types.ts';

/** Sources the portal itself is: its generated geometry, and what officers enter (not published). */
export const BUILT_IN_SOURCES: SourceDocument[] = [
  {
    id: 'atlas-partition', title: 'Commune Atlas: schematic partition (generated, not surveyed)', kind: 'generated', public: true,
    publisher: 'Commune Atlas', note: PARTITION_METHOD,
  },
  {
    id: 'officer-entry', title: 'Cán bộ xã nhập / Entered by a commune officer', kind: 'entry', public: false,
    publisher: 'UBND xã Mường Bang', note: 'Entered or corrected in the portal; who, when and why are in the change history.',
  },
];
