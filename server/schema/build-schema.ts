import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker } from '../access/auth-checker.ts';
import { validateArgs } from './validate-args.ts';
import { AdminUnitResolver } from './admin-unit.resolver.ts';
import { AuthResolver } from './auth.resolver.ts';
import { DataQualityResolver } from './data-quality.resolver.ts';
import { CommuneResolver } from './commune.resolver.ts';
import { FormerCommuneResolver } from './former-commune.resolver.ts';
import { NeighbourResolver } from './neighbour.resolver.ts';
import { EditResolver } from './edit.resolver.ts';
import { FieldReviewResolver } from './field-review.resolver.ts';
import { FieldSyncResolver } from './field-sync.resolver.ts';
import { ImportResolver } from './import.resolver.ts';
import { CoverageResolver } from './coverage.resolver.ts';
import { IndicatorResolver } from './indicator.resolver.ts';
import { PlaceResolver } from './place.resolver.ts';
import { PublishResolver } from './publish.resolver.ts';
import { IndicatorTargetsResolver, TargetResolver } from './target.resolver.ts';
import { VillageResolver } from './village.resolver.ts';
import { NationalCommuneResolver, ProvinceResolver } from './national.resolver.ts';

export const RESOLVERS = [CommuneResolver, VillageResolver, CoverageResolver, IndicatorResolver, TargetResolver, PlaceResolver, AuthResolver, EditResolver,
  AdminUnitResolver, DataQualityResolver, ImportResolver, IndicatorTargetsResolver, PublishResolver, FormerCommuneResolver, NeighbourResolver,
  FieldSyncResolver, FieldReviewResolver, ProvinceResolver, NationalCommuneResolver] as const;

/** The GraphQL schema; with emitTo, also writes the SDL file that is committed for review. */
export function buildAtlasSchema(emitTo?: string): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    emitSchemaFile: emitTo ? { path: emitTo, sortedSchema: false } : false,
    // class-validator's rules, as validate: true runs them (server/schema/validate-args.ts says what it saves).
    validateFn: validateArgs,
    authChecker,
  });
}
