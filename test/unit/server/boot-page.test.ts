// The board and snapshot inlined into the wall's HTML: the JSON stays data (no markup character
// survives, so untrusted labels cannot end the script element) and reads back as the same value.
import { describe, expect, it } from 'vitest';
import { BootCache, inertJson, streamPage, withBootData } from '../../../src/main/server/boot-page';
import type { BootData } from '../../../src/shared/boot-data';

const HOSTILE = `</script><script>alert(1)</script><!--<SCRIPT>-->&amp; \u2028\u2029 "quoted" \\`;

describe('inertJson', () => {
  it('has no <, > or & and parses back to the same value', () => {
    const value = { title: HOSTILE, nested: [{ label: HOSTILE }], n: 1.5 };
    const text = inertJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('withBootData', () => {
  it('puts one JSON script element before </head> whose text parses to the boot data', () => {
    const html = '<!doctype html><html><head><title>W</title></head><body><div id="root"></div></body></html>';
    const boot = { board: { title: HOSTILE }, snapshot: { at: 1, live: true } } as unknown as BootData;
    const out = withBootData(html, inertJson(boot));
    const m = /<script type="application\/json" id="wallboard-boot">(.*?)<\/script><\/head>/.exec(out);
    expect(m?.[1]).toBeDefined();
    expect(JSON.parse(m?.[1] ?? '')).toEqual(boot);
    expect(out.match(/<\/script>/g)).toHaveLength(1);
  });

  it('leaves a page without </head> unchanged', () => {
    expect(withBootData('<p>x</p>', inertJson({ board: {}, snapshot: {} } as unknown as BootData))).toBe('<p>x</p>');
  });
});

describe('streamPage', () => {
  it('sends the head (with the bundle’s script) before the boot data is read, then the data and the rest', async () => {
    const html = '<!doctype html><html><head><script type="module" src="/assets/a.js"></script></head><body></body></html>';
    const sent: string[] = [];
    let ended = false;
    const res = {
      writeHead: () => res,
      write: (chunk: string) => sent.push(chunk),
      end: (chunk?: string) => {
        if (chunk) sent.push(chunk);
        ended = true;
      },
    };
    let resolve = (_: string | undefined): void => undefined;
    const boot = new Promise<string | undefined>((r) => (resolve = r));
    const done = streamPage({ method: 'GET' } as never, res as never, html, boot, {});
    await new Promise((r) => setTimeout(r, 10));
    expect(sent.join('')).toBe('<!doctype html><html><head><script type="module" src="/assets/a.js"></script>');
    expect(ended).toBe(false);
    resolve(inertJson({ board: { title: '</script>' } }));
    await done;
    expect(sent.join('')).toBe(withBootData(html, inertJson({ board: { title: '</script>' } })));
  });
});

describe('BootCache', () => {
  it('reads once per address until the next event, keeps no failed read, and holds a bounded number of addresses', async () => {
    const cache = new BootCache(2);
    let reads = 0;
    const read = (v: string | undefined) => async () => {
      reads++;
      return v;
    };
    expect(await cache.get('?a', 5, read('A'))).toBe('A');
    expect(await cache.get('?a', 5, read('other'))).toBe('A'); // same address, no event since
    expect(reads).toBe(1);
    expect(await cache.get('?a', 6, read('A2'))).toBe('A2'); // an event: read again
    expect(await cache.get('?b', 6, read(undefined))).toBeUndefined();
    expect(await cache.get('?b', 6, read('B'))).toBe('B'); // the failed read was not kept
    await cache.get('?c', 6, read('C'));
    expect(await cache.get('?a', 6, read('A3'))).toBe('A3'); // the oldest address made room
    expect(reads).toBe(6);
  });
});
