// The .wbz recording format: a magic line, a 4-byte big-endian header length, a JSON header (zod-
// checked), then the gzip of a SQLite buffer file. The header carries the sha-256 and size of the
// uncompressed database, so a truncated or altered file is refused before anything is written.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

export const MAGIC = Buffer.from('WALLBOARD-RECORDING\n', 'ascii');
/** The format this build writes and the newest it reads. */
export const FORMAT_VERSION = 1;
/** bytes: a header is a few KB (the board text); anything near this is not ours */
const MAX_HEADER = 8 * 1024 * 1024;

export const headerSchema = z.object({
  format: z.number().int().positive(),
  createdAt: z.number(),
  /** unix ms: the span the recording holds */
  from: z.number(),
  to: z.number(),
  /** The board file, secrets stripped (redact.ts). */
  board: z.object({ name: z.string(), text: z.string() }),
  db: z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  app: z.string(),
});
export type RecordingHeader = z.infer<typeof headerSchema>;

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** The file's bytes: magic, header length, header, compressed database. */
export function packRecording(header: RecordingHeader, compressedDb: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, len, json, compressedDb]);
}

export type Unpacked = { ok: true; header: RecordingHeader; db: Buffer } | { ok: false; reason: string };

/** Reads only the header (cheap): for a refusal before the payload is even looked at. */
export function readHeader(file: Buffer): { ok: true; header: RecordingHeader; payloadAt: number } | { ok: false; reason: string } {
  if (file.length < MAGIC.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, reason: 'not a Wallboard recording (.wbz)' };
  if (file.length < MAGIC.length + 4) return { ok: false, reason: 'the recording is truncated (no header)' };
  const len = file.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (len > MAX_HEADER) return { ok: false, reason: 'the recording is corrupt (header size)' };
  if (file.length < start + len) return { ok: false, reason: 'the recording is truncated (header cut short)' };
  let raw: unknown;
  try {
    raw = JSON.parse(file.subarray(start, start + len).toString('utf8'));
  } catch {
    return { ok: false, reason: 'the recording is corrupt (header is not JSON)' };
  }
  const version = (raw as { format?: unknown } | null)?.format;
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    return { ok: false, reason: `the recording is format ${version}, newer than this Wallboard reads (${FORMAT_VERSION}): open it with a newer version` };
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'the recording is corrupt (header does not describe a recording)' };
  return { ok: true, header: parsed.data, payloadAt: start + len };
}

/** Header, then the database, checked against the header's size and sha-256. */
export function unpackRecording(file: Buffer): Unpacked {
  const h = readHeader(file);
  if (!h.ok) return h;
  let db: Buffer;
  try {
    db = gunzipSync(file.subarray(h.payloadAt), { maxOutputLength: h.header.db.bytes + 1 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'Z_BUF_ERROR' ? 'the recording is truncated (data cut short)' : 'the recording is corrupt (data does not decompress)' };
  }
  if (db.length !== h.header.db.bytes || sha256(db) !== h.header.db.sha256) return { ok: false, reason: 'the recording is corrupt (data checksum does not match)' };
  return { ok: true, header: h.header, db };
}
