import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { importVillageGeometry } from '../imports/geometry-import.ts';
import { importObservationFile } from '../imports/observation-import.ts';
import type { AtlasContext } from './context.ts';
import { ImportReport, ObservationImportInput, VillageGeometryImportInput } from './import.types.ts';

@Resolver()
export class ImportResolver {
  @Authorized('editor')
  @Mutation(() => ImportReport, { description: 'Import values from a CSV or XLSX file (editors). A dry run reports every problem at once; otherwise a file without problems is written in one transaction (all rows or none), each change kept in the history.' })
  importObservations(
    @Arg('input', () => ObservationImportInput, { description: 'The file and how to import it.' }) input: ObservationImportInput,
    @Ctx() { store, viewer }: AtlasContext,
  ): Promise<ImportReport> {
    return importObservationFile(store, { ...input, why: input.why ?? null }, viewer.name!);
  }

  @Authorized('editor')
  @Mutation(() => ImportReport, { description: 'Import bản centres and surveyed boundaries from GeoJSON (editors). A dry run reports every problem at once; otherwise a file without problems is written in one transaction, the schematic cells recomputed once for all new centres.' })
  importVillageGeometry(
    @Arg('input', () => VillageGeometryImportInput, { description: 'The GeoJSON and how to import it.' }) input: VillageGeometryImportInput,
    @Ctx() { store, viewer }: AtlasContext,
  ): Promise<ImportReport> {
    return importVillageGeometry(store, { ...input, why: input.why ?? null }, viewer.name!);
  }
}
