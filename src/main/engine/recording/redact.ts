// The board as it goes into a recording: everything needed to draw it, no secret. Credential keys
// go whole (headers, tokens, passwords, basic auth, TLS files), every ${env:…} / ${keychain:…}
// reference becomes `redacted` (its value never leaves this machine), and URLs lose any user:pass@.
import { isScalar, parseDocument, visit } from 'yaml';

/** Keys whose whole value is or may carry a credential. */
const SECRET_KEYS = new Set(['headers', 'bearerToken', 'basicAuth', 'password', 'token', 'tls', 'apiKey', 'secret']);
const REF_RE = /\$\{[^}]*\}/g;
const USERINFO_RE = /^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i;

export function redactBoardText(text: string): string {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new Error(`board file is not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && SECRET_KEYS.has(String(pair.key.value))) return visit.REMOVE;
      return undefined;
    },
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      node.value = node.value.replace(REF_RE, 'redacted').replace(USERINFO_RE, '$1');
    },
  });
  // why: comments may quote a token ("# was: Bearer abc…"); a recording carries none
  visit(doc, {
    Node(_key, node) {
      if ('comment' in node) node.comment = null;
      if ('commentBefore' in node) node.commentBefore = null;
    },
  });
  doc.commentBefore = null;
  doc.comment = null;
  return doc.toString();
}
