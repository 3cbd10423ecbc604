// An XLSX file's Vietnamese text reads back whole however the workbook's XML is cut into chunks as it is inflated:
// exceljs's stream reader alone decodes each chunk on its own and turns a letter split between two into "��".
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../server/http/export/xlsx.ts';
import { readXlsx } from '../server/imports/read-table.ts';

describe('XLSX import: text split across inflated chunks', () => {
  it('reads every cell of a 3,000-row sheet of Vietnamese text back exactly', async () => {
    // Letters of 2 and 3 UTF-8 bytes, some 200 kB of XML: chunk ends fall inside letters many times.
    const text = (i: number) => `Báo cáo chính trị Đảng bộ xã Mường Bang, bản ${i}: ảẩẫậắằẳẵặ`;
    const rows = Array.from({ length: 3000 }, (_, i) => ['mb-01', 'drugFree', String(2000 + (i % 30)), true, text(i)]);
    const bytes = await toXlsx([{ sheet: 'Quan sát', headers: ['unit', 'indicator', 'period', 'value', 'note'], rows }]);
    const table = await readXlsx(bytes);
    expect(table.problems).toEqual([]);
    expect(table.rows).toHaveLength(rows.length);
    const notes = table.rows.map((r) => r.cells[4]);
    expect(notes.filter((n) => String(n).includes('\uFFFD'))).toEqual([]);
    expect(notes).toEqual(rows.map((_, i) => text(i)));
  });
});
