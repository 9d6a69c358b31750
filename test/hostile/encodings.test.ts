/**
 * Hostile inputs, class "encodings": every text input is UTF-8 (decision 0061). A UTF-16 or
 * UTF-32 file, with or without a byte-order mark, or a byte that is not UTF-8 (Latin-1,
 * Windows-1252, a cut-off character) is one `invalidEncoding` problem naming the encoding and
 * saying to save as UTF-8, at its line; never a dozen errors full of NULs, never U+FFFD.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readChargingStatement, readMeterCounts } from '../../src/index.js';
import { countRegistrationsFile, readRegistrationsFile } from '../../src/node.js';
import { countRegistrationsFileOnTwoThreads } from '../../src/node/registration-files.js';
import { countRegistrationCsv } from '../../src/registrations/registration-csv.js';
import { CsvRecordSplitter } from '../../src/tables/csv-records.js';
import { readCsv } from '../../src/tables/csv.js';
import { decodeUtf8File } from '../../src/text/encoding.js';
import { runCli } from '../../src/cli/run-cli.js';
import { runCliCapture } from '../support/cli.js';
import { inputIssues } from '../support/errors.js';
import { fixture, ROOT } from '../support/fixtures.js';
import { chunked } from '../registrations/helpers.js';

const STATEMENT = fixture('statements', 'illustrative-2025-26.json');
const REGISTER = join(ROOT, 'test', 'fixtures', 'registrations', 'dual-fuel-register.csv');
const METERS =
  'chargingGroup,region,premises,enrolled,count\nimportSupplier,north,domestic,true,1200\nimportSupplier,south,domestic,false,30\n';

const made: string[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'dcc-hostile-enc-'));
made.push(scratch);
afterAll(() => {
  for (const path of made.splice(0)) rmSync(path, { recursive: true, force: true });
});
let files = 0;
function file(bytes: Uint8Array, extension: string): string {
  files += 1;
  const path = join(scratch, `input-${files}.${extension}`);
  writeFileSync(path, bytes);
  return path;
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let index = 0; index < le.length; index += 2) {
    be[index] = le[index + 1] as number;
    be[index + 1] = le[index] as number;
  }
  return be;
}
function utf32(text: string, littleEndian: boolean): Buffer {
  const points = [...text].map((char) => char.codePointAt(0) as number);
  const bytes = Buffer.alloc(points.length * 4);
  points.forEach((point, index) =>
    littleEndian ? bytes.writeUInt32LE(point, index * 4) : bytes.writeUInt32BE(point, index * 4),
  );
  return bytes;
}

/** Every foreign encoding the readers must name, as a function of the text. */
const FOREIGN: readonly { readonly name: string; readonly found: string; readonly bytes: (text: string) => Buffer }[] =
  [
    {
      name: 'UTF-16 LE with its byte-order mark (Excel "Unicode text")',
      found: 'UTF-16 LE',
      bytes: (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    },
    {
      name: 'UTF-16 BE with its byte-order mark',
      found: 'UTF-16 BE',
      bytes: (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
    },
    { name: 'UTF-16 LE without a byte-order mark', found: 'UTF-16 LE', bytes: (text) => Buffer.from(text, 'utf16le') },
    { name: 'UTF-16 BE without a byte-order mark', found: 'UTF-16 BE', bytes: (text) => utf16be(text) },
    {
      name: 'UTF-32 LE with its byte-order mark',
      found: 'UTF-32 LE',
      bytes: (text) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(text, true)]),
    },
    {
      name: 'UTF-32 BE with its byte-order mark',
      found: 'UTF-32 BE',
      bytes: (text) => Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(text, false)]),
    },
    { name: 'UTF-32 LE without a byte-order mark', found: 'UTF-32 LE', bytes: (text) => utf32(text, true) },
  ];

/** Texts with bytes that are not UTF-8, with the line of the first. */
const NOT_UTF8: readonly {
  readonly name: string;
  readonly bytes: Buffer;
  readonly line: number;
  readonly mentions: string;
}[] = [
  {
    name: 'a Latin-1 e-acute',
    bytes: Buffer.concat([
      Buffer.from(METERS),
      Buffer.from('importSupplier,central,domestic,true,5,'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]),
    line: 4,
    mentions: '0xE9',
  },
  {
    name: 'a Windows-1252 euro sign',
    bytes: Buffer.concat([
      Buffer.from('chargingGroup,region,premises,enrolled,count\nimportSupplier,north,'),
      Buffer.from([0x80]),
      Buffer.from('domestic,true,1\n'),
    ]),
    line: 2,
    mentions: '0x80',
  },
  {
    name: 'a UTF-8 character cut off at the end',
    bytes: Buffer.concat([Buffer.from(METERS), Buffer.from([0xc3])]),
    line: 4,
    mentions: 'cuts off',
  },
  {
    name: 'an overlong encoding of "/"',
    bytes: Buffer.concat([Buffer.from('a,b\n'), Buffer.from([0xc0, 0xaf]), Buffer.from('\n')]),
    line: 2,
    mentions: '0xC0',
  },
  {
    name: 'a UTF-16 surrogate written as UTF-8',
    bytes: Buffer.concat([Buffer.from('a,b\nc,d\n\n'), Buffer.from([0xed, 0xa0, 0x80])]),
    line: 4,
    mentions: '0xED',
  },
];

function expectOneEncodingProblem(stderr: string, found: string, code: number): void {
  expect(code).toBe(2);
  const errors = stderr.split('\n').filter((line) => line.startsWith('error: '));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(found);
  expect(errors[0]).toContain('save the file as UTF-8');
  expect(stderr).not.toContain('\u0000');
  expect(stderr).not.toContain('\uFFFD');
  expect(stderr).not.toContain('internal error');
}

describe('encodings, through the command line', () => {
  for (const foreign of FOREIGN) {
    it(`a meter-count CSV in ${foreign.name} is one problem naming ${foreign.found}`, async () => {
      const run = await runCliCapture([
        'charges',
        '--statement',
        STATEMENT,
        '--month',
        '2025-06',
        '--meters',
        file(foreign.bytes(METERS), 'csv'),
      ]);
      expectOneEncodingProblem(run.stderr, foreign.found, run.code);
    });
    it(`a statement JSON in ${foreign.name} is one problem naming ${foreign.found}`, async () => {
      const run = await runCliCapture([
        'charges',
        '--statement',
        file(foreign.bytes(readFileSync(STATEMENT, 'utf8')), 'json'),
        '--month',
        '2025-06',
        '--meters',
        file(Buffer.from(METERS), 'csv'),
      ]);
      expectOneEncodingProblem(run.stderr, foreign.found, run.code);
    });
    it(`a registration file in ${foreign.name} is one problem naming ${foreign.found}`, async () => {
      const run = await runCliCapture([
        'count',
        '--registrations',
        file(foreign.bytes(readFileSync(REGISTER, 'utf8')), 'csv'),
        '--from',
        '2025-04',
        '--to',
        '2025-06',
      ]);
      expectOneEncodingProblem(run.stderr, foreign.found, run.code);
    });
  }
  for (const bad of NOT_UTF8) {
    it(`${bad.name} in a meter-count CSV is one problem at line ${bad.line}, never U+FFFD`, async () => {
      const run = await runCliCapture([
        'charges',
        '--statement',
        STATEMENT,
        '--month',
        '2025-06',
        '--meters',
        file(bad.bytes, 'csv'),
      ]);
      expectOneEncodingProblem(run.stderr, bad.mentions, run.code);
      expect(run.stderr).toContain(`line ${bad.line}`);
    });
  }
  it('a Latin-1 byte in a registration row is one problem at its line, not a rejected row with U+FFFD', async () => {
    const lines = readFileSync(REGISTER, 'utf8').split('\n');
    const bytes = Buffer.concat([
      Buffer.from(`${lines.slice(0, 3).join('\n')}\n`),
      Buffer.from('1012345678903,importSupplier,domestic,2019-06-01,,,n'),
      Buffer.from([0xf6]),
      Buffer.from('rth,\n'),
    ]);
    for (const extra of [[], ['--skip-invalid', '--rejects', join(scratch, 'rejects.csv')]]) {
      const run = await runCliCapture([
        'count',
        '--registrations',
        file(bytes, 'csv'),
        '--from',
        '2025-04',
        '--to',
        '2025-06',
        ...extra,
      ]);
      expectOneEncodingProblem(run.stderr, '0xF6', run.code);
      expect(run.stderr).toContain('line 4');
    }
  });
  it('standard input is checked as a file is: its bytes in UTF-16 are one problem', async () => {
    let stderr = '';
    const code = await runCli(['charges', '--statement', STATEMENT, '--month', '2025-06', '--meters', '-'], {
      stdout: () => undefined,
      stderr: (text) => void (stderr += text),
      stderrIsTty: false,
      readStdin: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(METERS, 'utf16le')]),
    });
    expectOneEncodingProblem(stderr, 'standard input', code);
    expect(stderr).toContain('UTF-16 LE');
  });
  it('a UTF-8 file with or without its byte-order mark, with accented letters, is read', async () => {
    const text = readFileSync(STATEMENT, 'utf8').replace('"title": "', '"title": "Électricité, façade £: ');
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      const path = file(bytes, 'json');
      const run = await runCliCapture([
        'charges',
        '--statement',
        path,
        '--month',
        '2025-06',
        '--meters',
        file(Buffer.from(`\uFEFF${METERS}`), 'csv'),
        '--format',
        'json',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
  });
});

describe('encodings, through the library', () => {
  it('text handed over already decoded with U+FFFD (a Latin-1 file read as UTF-8) is one problem at its line', () => {
    const text = Buffer.concat([
      Buffer.from(METERS),
      Buffer.from('importSupplier,north,domestic,true,1'),
      Buffer.from([0xe9]),
    ]).toString('utf8');
    expect(text).toContain('\uFFFD');
    const { issues, messages } = inputIssues(() => readMeterCounts(text, { source: 'meters.csv' }));
    expect(issues).toEqual([expect.objectContaining({ source: 'meters.csv', line: 4, code: 'invalidEncoding' })]);
    expect(messages[0]).toContain('U+FFFD');
    expect(readCsv(text).issues.map((issue) => issue.code)).toEqual(['invalidEncoding']);
  });
  for (const foreign of FOREIGN) {
    it(`a ${foreign.name} statement read as UTF-8 by the caller is one problem, not a JSON syntax error`, () => {
      const text = foreign.bytes(readFileSync(STATEMENT, 'utf8')).toString('utf8');
      const { issues } = inputIssues(() => readChargingStatement(text, 'statement.json'));
      expect(issues).toEqual([expect.objectContaining({ source: 'statement.json', code: 'invalidEncoding' })]);
    });
    it(`countRegistrationsFile and readRegistrationsFile on ${foreign.name} give one problem naming ${foreign.found}`, async () => {
      const path = file(foreign.bytes(readFileSync(REGISTER, 'utf8')), 'csv');
      const counted = await countRegistrationsFile(path, { from: '2025-04', to: '2025-06' }).catch(
        (error: unknown) => error,
      );
      expect(counted).toMatchObject({
        issues: [{ code: 'invalidEncoding', line: 1, received: expect.stringContaining(foreign.found) as string }],
      });
      const rows = async () => {
        for await (const row of readRegistrationsFile(path)) void row;
      };
      await expect(rows()).rejects.toMatchObject({
        issues: [{ code: 'invalidEncoding', received: expect.stringContaining(foreign.found) as string }],
      });
    });
  }
  it('the streaming reader finds a bad byte at its line and file offset whatever the chunks, in a quoted record too', async () => {
    const register = readFileSync(REGISTER, 'utf8').split('\n');
    const head = `${register.slice(0, 4).join('\n')}\n`;
    const quoted = '"1012345678903",importSupplier,domestic,2019-06-01,,,"n';
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from(quoted), Buffer.from([0xe9]), Buffer.from('",\n')]);
    for (const sizes of [[1 << 20], [1], [2, 3], [7], [61]]) {
      const result = await countRegistrationCsv(chunked(bytes, sizes), {
        from: '2025-04',
        to: '2025-06',
        source: 'r.csv',
      }).catch((error: unknown) => error);
      expect(result).toMatchObject({
        issues: [
          {
            source: 'r.csv',
            line: 5,
            code: 'invalidEncoding',
            received: expect.stringContaining(
              `at byte ${Buffer.byteLength(head) + Buffer.byteLength(quoted)} of the file`,
            ) as string,
          },
        ],
      });
    }
  });
  it('on two threads, a bad byte in a chunk the second thread parses is found at the same line as on one', async () => {
    const register = readFileSync(REGISTER, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const rows: string[] = [];
    for (let index = 0; index < 400; index += 1) rows.push(register[1 + (index % 3)] as string);
    const bad = Buffer.concat([
      Buffer.from(`${register[0]}\n${rows.join('\n')}\n`),
      Buffer.from('1012345678903,importSupplier,domestic,2019-06-01,,,n'),
      Buffer.from([0xe9]),
      Buffer.from(`,\n${rows.join('\n')}\n`),
    ]);
    const path = file(bad, 'csv');
    const options = { from: '2025-04', to: '2025-06', mode: 'skip-invalid', onReject: () => undefined } as const;
    const one = await countRegistrationsFileOnTwoThreads(path, options, { chunkBytes: 512, threads: 1 }).catch(
      (error: unknown) => error,
    );
    const two = await countRegistrationsFileOnTwoThreads(path, options, { chunkBytes: 512, waitForWorker: true }).catch(
      (error: unknown) => error,
    );
    expect(one).toMatchObject({ issues: [{ code: 'invalidEncoding', line: 402 }] });
    expect(two).toMatchObject({ issues: [{ code: 'invalidEncoding', line: 402 }] });
  });
  it('valid multi-byte UTF-8 split across chunks anywhere decodes exactly (no false problem)', () => {
    const text = 'a,"é€𝄞 ""q"""\r\nß,ü\n"x\ny",😀\n';
    const bytes = Buffer.from(`\uFEFF${text}`);
    for (let size = 1; size <= 9; size += 1) {
      const records: string[] = [];
      const splitter = new CsvRecordSplitter({ fast: () => false, slow: (record) => void records.push(record) });
      for (const chunk of chunked(bytes, [size])) splitter.push(chunk);
      splitter.end();
      expect(records).toEqual(['a,"é€𝄞 ""q"""', 'ß,ü', '"x\ny",😀']);
    }
  });
  it('decodeUtf8File keeps a UTF-8 byte-order mark for the readers to skip, and refuses what is not UTF-8', () => {
    expect(decodeUtf8File(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('\uFEFFa');
    expect(inputIssues(() => decodeUtf8File(Buffer.from([0x61, 0x0a, 0x62, 0xff]), 'x.csv')).issues).toEqual([
      expect.objectContaining({
        source: 'x.csv',
        line: 2,
        code: 'invalidEncoding',
        received: expect.stringContaining('at byte 3 of the file') as string,
      }),
    ]);
  });
});
