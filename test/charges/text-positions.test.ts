/** The hash table of the positions of distinct texts, against the positions the list itself gives. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextPositions } from '../../src/charges/text-positions.js';
import { InvariantError } from '../../src/errors/invariant-error.js';

describe('TextPositions', () => {
  it('finds each text at its position, and no text that is not there', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 8 }), { maxLength: 300 }),
        fc.array(fc.string({ maxLength: 8 }), { maxLength: 20 }),
        (texts, others) => {
          const positions = new TextPositions(texts.length, (position) => texts[position] as string);
          texts.forEach((text, position) => expect(positions.get(text)).toBe(position));
          for (const other of others)
            expect(positions.get(other)).toBe(texts.includes(other) ? texts.indexOf(other) : undefined);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a text given twice', () => {
    expect(() => new TextPositions(3, (position) => ['a', 'b', 'a'][position] as string)).toThrow(InvariantError);
  });
});
