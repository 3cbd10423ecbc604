import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { CommuneResolver } from './commune.resolver.ts';
import { CoverageResolver } from './coverage.resolver.ts';
import { VillageResolver } from './village.resolver.ts';

export const RESOLVERS = [CommuneResolver, VillageResolver, CoverageResolver] as const;

/** The GraphQL schema; with emitTo, also writes the SDL file that is committed for review. */
export function buildAtlasSchema(emitTo?: string): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    emitSchemaFile: emitTo ? { path: emitTo, sortedSchema: false } : false,
    validate: true,
  });
}
