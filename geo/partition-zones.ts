import type { ZoneInput } from './partition-commune.ts';

/**
 * The partition's zones: one per former commune, sized by its land area (forest area ÷ cover, from
 * the report), holding its bản with their known centres. Shared by the server's recomputation and
 * the browser's drag preview so both draw the same cells. Seeding refuses a former commune without
 * a land area, so the equal share (1) only guards data edited away later.
 */
export function partitionZones(
  formerCommunes: Array<{ id: string }>,
  landAreaKm2: (formerCommuneId: string) => unknown,
  villages: Array<{ id: string; zone: string; centre: [number, number] | null }>,
): ZoneInput[] {
  return formerCommunes.map((fc) => {
    const land = landAreaKm2(fc.id);
    return {
      id: fc.id,
      targetAreaKm2: typeof land === 'number' ? land : 1,
      villages: villages.filter((v) => v.zone === fc.id).map((v) => ({ id: v.id, centre: v.centre })),
    };
  });
}
