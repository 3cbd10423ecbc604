// The analyst console corrects an operation name GraphiQL has not caught up with yet.
import { describe, expect, it } from 'vitest';
import { operationNameFor } from '../web/console/operation-name.ts';

describe('operationNameFor', () => {
  it('keeps a name the document has', () => {
    expect(operationNameFor('query A { commune { name } } query B { commune { code } }', 'B')).toBe('B');
  });
  it("replaces the previous example's name with the document's only operation", () => {
    expect(operationNameFor('query VillagesGeoJSON { villageFeatures }', 'VillageValues')).toBe('VillagesGeoJSON');
    expect(operationNameFor('{ commune { name } }', 'VillageValues')).toBeNull();
  });
  it('leaves a name alone when the document has several operations or does not parse', () => {
    expect(operationNameFor('query A { a } query B { b }', 'C')).toBe('C');
    expect(operationNameFor('query A {', 'A')).toBe('A');
  });
});
