import { describe, expect, it } from 'vitest';
import { splitCsvRecord } from '../../src/tables/csv.js';

describe('CSV framing: text after a closing quote', () => {
  it('is a malformedCsv problem, never joined into the cell', () => {
    const { problems } = splitCsvRecord('g1,"12"3');
    expect(problems.map((p) => p.code)).toEqual(['malformedCsv']);
  });
  it('a quoted MPAN followed by two more digits is a problem', () => {
    expect(splitCsvRecord('"1234567890123"45,x').problems).toHaveLength(1);
  });
  it('a closing quote then a comma or the record end is fine', () => {
    expect(splitCsvRecord('"12",3').problems).toEqual([]);
    expect(splitCsvRecord('"a""b"').cells).toEqual(['a"b']);
  });
});
