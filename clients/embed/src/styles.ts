// The embed's styles, inside its Shadow DOM: the partner's CSS cannot break it, and the partner
// themes it through the custom properties below (documented in the README).
export const STYLES = `
:host {
  --_text: var(--temahub-color-text, #1d1d1b);
  --_muted: var(--temahub-color-muted, #52524e);
  --_bg: var(--temahub-color-background, #ffffff);
  --_card: var(--temahub-color-card, #f6f5f2);
  --_accent: var(--temahub-color-accent, #0b5c43);
  --_accent-text: var(--temahub-color-accent-text, #ffffff);
  --_cancelled: var(--temahub-color-cancelled, #a4161a);
  --_border: var(--temahub-color-border, #d4d2cc);
  --_focus: var(--temahub-color-focus, #1a4fd6);
  --_radius: var(--temahub-radius, 8px);
  --_gap: var(--temahub-spacing, 1rem);
  display: block;
  container-type: inline-size;
  color: var(--_text);
  background: var(--_bg);
  font-family: var(--temahub-font, inherit);
  font-size: var(--temahub-font-size, 1rem);
  line-height: 1.45;
}
*, *::before, *::after { box-sizing: border-box; }
h2 { font-size: 1.35em; margin: 0 0 calc(var(--_gap) * .75); }
h3 { font-size: 1.1em; margin: 0 0 .35em; overflow-wrap: anywhere; }
p { margin: 0 0 .35em; }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_gap); }
.card { background: var(--_card); border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_gap); }
.card:focus { outline: 3px solid var(--_focus); outline-offset: 2px; }
.when { font-weight: 600; }
.where, .tags { color: var(--_muted); }
.cancelled .when, .cancelled h3 { text-decoration: line-through; text-decoration-thickness: 1px; }
.badge { display: inline-block; background: var(--_cancelled); color: #fff; font-weight: 700; border-radius: calc(var(--_radius) / 2); padding: 0 .45em; margin-right: .4em; text-decoration: none; }
.reason { color: var(--_cancelled); font-weight: 600; }
a { color: var(--_accent); font-weight: 600; text-underline-offset: .15em; }
a, button, select { min-height: 44px; }
a { display: inline-flex; align-items: center; }
a:focus-visible, button:focus-visible, select:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
button { font: inherit; cursor: pointer; border: 0; border-radius: var(--_radius); padding: .5em 1.25em; background: var(--_accent); color: var(--_accent-text); font-weight: 600; }
button:hover { filter: brightness(1.1); }
.more { margin-top: var(--_gap); }
.status { margin: 0 0 var(--_gap); color: var(--_muted); }
.problem { border-left: 4px solid var(--_cancelled); padding: .5em var(--_gap); background: var(--_card); color: var(--_text); }
.problem button { margin-top: .5em; }
form { display: flex; flex-wrap: wrap; gap: var(--_gap); margin: 0 0 var(--_gap); }
label { display: grid; gap: .25em; font-weight: 600; flex: 1 1 12em; }
select { font: inherit; padding: .4em; border: 1px solid var(--_muted); border-radius: calc(var(--_radius) / 2); background: var(--_bg); color: var(--_text); width: 100%; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@container (min-width: 40rem) {
  ul.grid { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
@media (prefers-reduced-motion: no-preference) { button { transition: filter .15s; } }
`;
