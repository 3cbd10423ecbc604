import { PARTITION_METHOD } from '../../geo/partition-commune.ts';
import type { SourceDocument } from '../../geo/seed-types.ts';

/**
 * Sources the portal itself is: its generated geometry, and what officers enter (not published). Both serve every
 * detailed commune ("all"); neither can publish a value (server/access/publication-rule.ts refuses them by kind).
 */
export const BUILT_IN_SOURCES: SourceDocument[] = [
  {
    id: 'atlas-partition', title: { vi: 'Commune Atlas: chia ô sơ đồ (tạo tự động, không phải đo đạc)', en: 'Commune Atlas: schematic partition (generated, not surveyed)' }, kind: 'generated', public: true, communes: 'all',
    publisher: { vi: 'Commune Atlas', en: 'Commune Atlas' }, note: PARTITION_METHOD,
  },
  {
    id: 'officer-entry', title: { vi: 'Cán bộ xã nhập', en: 'Entered by a commune officer' }, kind: 'entry', public: false, communes: 'all',
    publisher: { vi: 'UBND xã Mường Bang', en: 'People\'s Committee of xã Mường Bang' }, note: 'Entered or corrected in the portal; who, when and why are in the change history.',
  },
];
