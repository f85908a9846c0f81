// The board and snapshot inlined into the wall's HTML: the JSON stays data (no markup character
// survives, so untrusted labels cannot end the script element) and reads back as the same value.
import { describe, expect, it } from 'vitest';
import { inertJson, withBootData } from '../../../src/main/server/boot-page';
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
