// A throwaway self-signed certificate for 127.0.0.1, made with openssl into a temp dir.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSigned {
  dir: string;
  certPath: string;
  key: Buffer;
  cert: Buffer;
  /** unix ms of notAfter, as openssl reports it */
  notAfter: number;
  cleanup(): void;
}

export function makeSelfSigned(days: number): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'wallboard-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath,
    '-days', String(days), '-subj', '/CN=wallboard-test',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ], { stdio: 'ignore' });
  const end = execFileSync('openssl', ['x509', '-in', certPath, '-noout', '-enddate'], { encoding: 'utf8' });
  const notAfter = Date.parse(end.trim().replace(/^notAfter=/, ''));
  return { dir, certPath, key: readFileSync(keyPath), cert: readFileSync(certPath), notAfter, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
