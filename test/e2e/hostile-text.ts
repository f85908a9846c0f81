// Hostile text for the XSS tests (security.test.ts, first-paint.test.ts): each payload, if it ever
// ran, would push to window.__xss or open a dialog; RECORD (an init script) sets that trap.
/** Each payload, if it ever ran, would push to window.__xss or open a dialog. */
export const CORPUS = [
  `<script>window.__xss.push('script')</script>`,
  `<img src=x onerror="window.__xss.push('img')">`,
  `<svg onload="window.__xss.push('svg')"><script>alert('svg')</script></svg>`,
  `javascript:window.__xss.push('js')`,
  `"><iframe src="javascript:alert('iframe')"></iframe>`,
  `<a href="javascript:alert('a')" onmouseover="alert('hover')">link</a>`,
  `\u202Egnp.exe\u202C rtl override \u2066isolate\u2069`,
  `{{constructor.constructor('alert(1)')()}} \${alert('tpl')}`,
  // ends a script element (the board inlined into the page) or opens a comment that hides its end
  `</script><!--<script>window.__xss.push('boot')</script>--> \u2028`,
];

export const RECORD = `window.__xss = []; window.alert = (m) => window.__xss.push('alert:' + m);`;
