import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, packRecording, sha256, unpackRecording, type RecordingHeader } from '../../../src/main/engine/recording/format';
import { redactBoardText } from '../../../src/main/engine/recording/redact';
import { parseBoardText } from '../../../src/main/engine/config/load';

const db = Buffer.from('SQLite format 3\u0000'.padEnd(4096, 'x'));
function header(over: Partial<RecordingHeader> = {}): RecordingHeader {
  return { format: FORMAT_VERSION, createdAt: 3, from: 1, to: 2, board: { name: 'b.yaml', text: 'title: x' }, db: { bytes: db.length, sha256: sha256(db) }, app: 'test', ...over };
}

describe('.wbz recordings', () => {
  it('reads back what it wrote', () => {
    const r = unpackRecording(packRecording(header(), gzipSync(db)));
    expect(r.ok && r.db.equals(db)).toBe(true);
    expect(r.ok && r.header.to).toBe(2);
  });

  it('refuses a newer format, a foreign file, a truncated file and altered data, each with one reason', () => {
    const good = packRecording(header(), gzipSync(db));
    const altered = Buffer.from(good);
    altered[altered.length - 12] = (altered[altered.length - 12] as number) ^ 0xff;
    const otherDb = packRecording(header({ db: { bytes: db.length, sha256: sha256(Buffer.from('other')) } }), gzipSync(db));
    const cases: [Buffer, RegExp][] = [
      [packRecording(header({ format: FORMAT_VERSION + 1 }), gzipSync(db)), /format 2, newer than this Wallboard reads \(1\)/],
      [Buffer.from('{"format":1}'), /not a Wallboard recording/],
      [good.subarray(0, 30), /truncated \(header cut short\)/],
      [good.subarray(0, good.length - 100), /truncated/],
      [altered, /corrupt/],
      [otherDb, /checksum does not match/],
    ];
    for (const [bytes, reason] of cases) {
      const r = unpackRecording(bytes);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(reason);
    }
  });
});

describe('the board in a recording', () => {
  const board = `# token was Bearer abc123
title: T
sources:
  prometheus:
    - id: prom
      url: https://ops:hunter2@prom.example:9090
      headers: { Authorization: "Bearer \${env:PROM_TOKEN}" }
      bearerToken: \${keychain:prom}
      tls: { ca: /etc/ssl/ca.pem }
  alertmanager:
    - { id: am, url: "http://\${env:AM_HOST}:9093", basicAuth: { username: ops, password: hunter2 } }
pages:
  - id: p
    title: P
    panels:
      - { id: a, type: stat, query: up }
`;

  it('keeps everything needed to draw the wall and no secret, and still loads without any env', () => {
    const out = redactBoardText(board);
    for (const secret of ['hunter2', 'abc123', 'PROM_TOKEN', 'keychain', 'Authorization', 'basicAuth', 'bearerToken', 'ca.pem', 'AM_HOST']) expect(out).not.toContain(secret);
    expect(out).toContain('https://prom.example:9090');
    const loaded = parseBoardText(out, 'b.yaml', {});
    expect(loaded.ok).toBe(true);
    expect(loaded.ok && loaded.board.pages[0]?.panels[0]?.query).toBe('up');
  });
});
