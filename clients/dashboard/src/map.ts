// The coverage map: one mark per municipality at the mean position of its libraries, drawn as
// SVG on a plain equirectangular projection (good enough at Denmark's size; no tiles, no network).

export interface MunicipalityMark {
  code: number;
  name: string;
  covered: boolean;
  activities: number;
  position: { latitude: number; longitude: number } | undefined;
}

export const MAP_COLOURS = {
  /** Registered libraries with activities. */
  active: '#0b5c43',
  /** Registered libraries, no activities yet. */
  registered: '#f2b705',
  /** No registered library. */
  none: '#ffffff',
};

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  return el;
}

function colourOf(mark: MunicipalityMark): string {
  return !mark.covered ? MAP_COLOURS.none : mark.activities > 0 ? MAP_COLOURS.active : MAP_COLOURS.registered;
}

export function drawMap(container: HTMLElement, legend: HTMLElement, marks: MunicipalityMark[], label: string): void {
  const placed = marks.filter(
    (m): m is MunicipalityMark & { position: NonNullable<MunicipalityMark['position']> } => m.position !== undefined,
  );
  const lats = placed.map((m) => m.position.latitude);
  const lons = placed.map((m) => m.position.longitude);
  const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const midLat = ((minLat + maxLat) / 2) * (Math.PI / 180);
  const pad = 20;
  const scale = (WIDTH - 2 * pad) / Math.max(0.01, (maxLon - minLon) * Math.cos(midLat));
  const height = Math.round((maxLat - minLat) * scale + 2 * pad);
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': label });
  root.append(svg('rect', { x: 0, y: 0, width: WIDTH, height, fill: '#e8f1f5' }));
  // Largest marks first, so that small neighbours stay visible on top.
  for (const mark of [...placed].sort((a, b) => b.activities - a.activities)) {
    const x = pad + (mark.position.longitude - minLon) * Math.cos(midLat) * scale;
    const y = pad + (maxLat - mark.position.latitude) * scale;
    const circle = svg('circle', {
      cx: x.toFixed(1),
      cy: y.toFixed(1),
      r: (4 + Math.sqrt(mark.activities) * 2.2).toFixed(1),
      fill: colourOf(mark),
      stroke: '#1d1d1b',
      'stroke-width': 1,
      'data-code': mark.code,
    });
    const title = svg('title', {});
    title.textContent = `${mark.name}: ${mark.covered ? 'tilmeldt' : 'ikke tilmeldt'}, ${mark.activities} arrangementer`;
    circle.append(title);
    root.append(circle);
  }
  container.replaceChildren(root);
  const item = (colour: string, text: string) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colour;
    li.append(swatch, text);
    return li;
  };
  legend.replaceChildren(
    item(MAP_COLOURS.active, 'Tilmeldt, med arrangementer'),
    item(MAP_COLOURS.registered, 'Tilmeldt, endnu ingen arrangementer'),
    item(MAP_COLOURS.none, 'Ingen tilmeldte biblioteker'),
  );
}
