// Hexagons drawn as SVG paths from the public figures' cell outlines: no tile server, no
// library. A simple equirectangular projection around the data's centre is plenty at city scale.
const SVG = 'http://www.w3.org/2000/svg';

/** Colour classes, light to dark; the darkest passes 4.5:1 on white, outlines carry the rest. */
export const COLOURS = ['#fde4c8', '#fbbf85', '#f28e4b', '#d45a1f', '#8f3305'];

export function el(name, attrs = {}) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** A projection fitting every ring into width x height (with padding), and its inverse. */
export function projection(rings, width, height, pad = 12) {
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const ring of rings) for (const [lon, lat] of ring) {
    minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
  }
  if (!isFinite(minLon)) return null;
  const kx = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-4);
  const spanY = Math.max(maxLat - minLat, 1e-4);
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const offX = pad + ((width - 2 * pad) - spanX * scale) / 2;
  const offY = pad + ((height - 2 * pad) - spanY * scale) / 2;
  return {
    bounds: { minLon, maxLon, minLat, maxLat },
    toXY: (lon, lat) => [offX + (lon - minLon) * kx * scale, offY + (maxLat - lat) * scale],
    toLonLat: (x, y) => [minLon + (x - offX) / (kx * scale), maxLat - (y - offY) / scale],
  };
}

export function pathOf(ring, proj) {
  return ring.map(([lon, lat], i) => {
    const [x, y] = proj.toXY(lon, lat);
    return `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join('') + 'Z';
}

/** Class breaks for the counts: up to five classes, quantiles of the values shown. */
export function breaks(values) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return [];
  const out = [];
  for (let i = 1; i <= 4; i++) {
    const q = v[Math.min(v.length - 1, Math.floor((i * v.length) / 5))];
    if (!out.includes(q) && q > v[0]) out.push(q);
  }
  return out;
}

export function classOf(value, br) {
  let c = 0;
  while (c < br.length && value >= br[c]) c++;
  return Math.min(c + (COLOURS.length - 1 - br.length), COLOURS.length - 1);
}
