// The Leaflet map: H3 hexes coloured by recurrence interval, alert markers and outlines, optional
// district and beat outlines and tile layer (XYZ, or WMS GetMap with a {bbox} per tile). Leaflet comes from the WebJar as the global `L`.
import { cellStyle, LEVELS, levelForDays } from './severity.js';
import { formatNumber, formatRecurrence, formatWindow, h } from './util.js';

const L = window.L;
const FOCUS_ZOOM = 15;

/** Renders what main.js computes; reports clicks through onCellClick(cellId, windowMin) and onAlertClick(alertId). */
export class MapView {
  constructor(el, { onCellClick, onAlertClick }) {
    this.onCellClick = onCellClick;
    this.onAlertClick = onAlertClick;
    this.map = L.map(el, {
      zoomControl: true,
      attributionControl: true,
      preferCanvas: false,
      worldCopyJump: false,
      minZoom: 3,
      maxZoom: 19,
      keyboardPanDelta: 120,
    }).setView([20, 0], 3);
    this.map.attributionControl.setPrefix(false);
    this.map.createPane('districts').style.zIndex = 350;
    this.map.createPane('alertOutlines').style.zIndex = 450;
    this.districtLayer = null;
    this.beatLayer = null;
    this.hexLayer = L.layerGroup().addTo(this.map);
    this.outlineLayer = L.layerGroup();
    this.markerLayer = L.layerGroup();
    this.alertGroup = L.layerGroup([this.outlineLayer, this.markerLayer]).addTo(this.map);
    this.extentLayer = L.layerGroup().addTo(this.map);
    this.districtGroup = L.layerGroup().addTo(this.map);
    this.beatGroup = L.layerGroup().addTo(this.map);
    // Orientation without a base layer: a scale bar, and layers the user can switch off.
    const scale = L.control.scale({ position: 'bottomleft', maxWidth: 160 }).addTo(this.map);
    scale.getContainer().setAttribute('data-testid', 'scale-bar');
    this.layers = L.control.layers(null, {
      'Hotspot cells': this.hexLayer,
      'Alerts': this.alertGroup,
      'District outlines': this.districtGroup,
      'Beat outlines': this.beatGroup,
      'City extent': this.extentLayer,
    }, { collapsed: false, position: 'topright' }).addTo(this.map);
    this.layers.getContainer().setAttribute('data-testid', 'layer-toggle');
    this.layers.getContainer().setAttribute('aria-label', 'Map layers');
    this.layers.getContainer().setAttribute('role', 'group');
    this.tileLayer = null;
    this.hexes = new Map();
    this.outlines = new Map();
    this.markers = new Map();
    this.fitted = false;
    const zoomClass = () => this.map.getContainer().classList.toggle('zoomed-out', this.map.getZoom() <= 13);
    this.map.on('zoomend', zoomClass);
    zoomClass();
  }

  /**
   * Adds the agency's base layer when the gateway's config names one (GET /api/config `tiles`:
   * its own tile server; nothing is fetched from a public CDN unless the agency configures it).
   */
  setTiles(config) {
    const tiles = (config && (config.tiles || config.map)) || {};
    const url = (config && config.tileUrl) || tiles.url || tiles.tileUrl;
    if (!url || this.tileLayer) return false;
    const options = {
      attribution: (config && config.tileAttribution) || tiles.attribution || '',
      maxZoom: (config && config.tileMaxZoom) || tiles.maxZoom || 19,
      className: 'tiles-dim',
    };
    // A WMS GetMap template: each 256 px tile asks for its own EPSG:3857 bbox.
    this.tileLayer = (url.includes('{bbox}') ? new BboxTileLayer(url, options) : L.tileLayer(url, options)).addTo(this.map);
    this.layers.addOverlay(this.tileLayer, 'Base map');
    const container = this.map.getContainer();
    container.classList.add('has-tiles');
    this.tileLayer.on('add', () => container.classList.add('has-tiles'));
    this.tileLayer.on('remove', () => container.classList.remove('has-tiles'));
    return true;
  }

  /**
   * Draws the district outlines with their names, and the city's extent (the collection's bbox),
   * from GET /api/districts.geojson: the agency's boundaries, or outlines derived from the data.
   */
  setDistricts(geojson) {
    if (this.districtLayer) this.districtLayer.remove();
    this.extentLayer.clearLayers();
    this.setBeats(geojson);
    this.districtLayer = L.geoJSON(geojson, {
      pane: 'districts',
      interactive: false,
      filter: (feature) => !isBeat(feature),
      style: () => ({ color: '#8aa0b8', weight: 1.6, opacity: 0.6, fill: true, fillColor: '#1b2430', fillOpacity: 0.35, className: 'district-outline' }),
      onEachFeature: (feature, layer) => {
        const name = districtName(feature);
        if (name) {
          layer.bindTooltip(name, { permanent: true, direction: 'center', className: 'district-label', interactive: false });
        }
        layer.districtName = name;
      },
    }).addTo(this.districtGroup);
    // Leaflet makes new elements each time a layer is shown again: tag them on every add.
    const source = geojson.source || '';
    this.districtLayer.eachLayer((layer) => {
      const tag = () => {
        const path = layer.getElement();
        if (path) {
          path.setAttribute('data-testid', 'district-outline');
          path.setAttribute('data-district', layer.districtName || '');
          path.setAttribute('data-source', source);
        }
      };
      const tagTip = () => {
        const tip = layer.getTooltip() && layer.getTooltip().getElement();
        if (tip) {
          tip.setAttribute('data-testid', 'district-label');
          tip.setAttribute('data-district', layer.districtName || '');
        }
      };
      layer.on('add', tag);
      layer.on('tooltipopen', tagTip);
      tag();
      tagTip();
    });
    const box = Array.isArray(geojson.bbox) && geojson.bbox.length === 4 ? geojson.bbox : null;
    if (box) {
      const extent = L.rectangle([[box[1], box[0]], [box[3], box[2]]], {
        pane: 'districts', interactive: false, fill: false, color: '#c8d3df', weight: 1.2, dashArray: '2 6', opacity: 0.7, className: 'city-extent',
      }).addTo(this.extentLayer);
      const tag = () => extent.getElement() && extent.getElement().setAttribute('data-testid', 'city-extent');
      extent.on('add', tag);
      tag();
    }
    this.map.getContainer().dataset.districtSource = geojson.source || '';
    if (!this.fitted && this.districtLayer.getBounds().isValid()) this.map.fitBounds(this.districtLayer.getBounds(), { padding: [20, 20] });
  }

  /**
   * Draws the beat outlines (features with level "beat": the agency's beats, or hulls of the cells
   * whose latest call named the beat), thinner than the districts, each labelled.
   */
  setBeats(geojson) {
    if (this.beatLayer) this.beatLayer.remove();
    const source = geojson.beatSource || geojson.source || '';
    this.beatLayer = L.geoJSON(geojson, {
      pane: 'districts',
      interactive: false,
      filter: isBeat,
      style: () => ({ color: '#6f8399', weight: 0.8, opacity: 0.55, dashArray: '4 3', fill: false, className: 'beat-outline' }),
      onEachFeature: (feature, layer) => {
        const p = feature.properties || {};
        layer.beatName = p.beat || p.name || '';
        layer.districtName = p.district || '';
        if (layer.beatName) {
          layer.bindTooltip(layer.beatName, { permanent: true, direction: 'center', className: 'beat-label', interactive: false });
        }
      },
    }).addTo(this.beatGroup);
    this.beatLayer.eachLayer((layer) => {
      const tag = () => {
        const path = layer.getElement();
        if (path) {
          path.setAttribute('data-testid', 'beat-outline');
          path.setAttribute('data-beat', layer.beatName);
          path.setAttribute('data-district', layer.districtName);
          path.setAttribute('data-source', source);
        }
      };
      const tagTip = () => {
        const tip = layer.getTooltip() && layer.getTooltip().getElement();
        if (tip) {
          tip.setAttribute('data-testid', 'beat-label');
          tip.setAttribute('data-beat', layer.beatName);
        }
      };
      layer.on('add', tag);
      layer.on('tooltipopen', tagTip);
      tag();
      tagTip();
    });
  }

  /** Dims the outlines of districts that the filter hides. */
  setVisibleDistricts(isShown) {
    if (!this.districtLayer) return;
    this.districtLayer.eachLayer((layer) => {
      const shown = !layer.districtName || isShown(layer.districtName);
      layer.setStyle({ opacity: shown ? 0.6 : 0.18, fillOpacity: shown ? 0.35 : 0.12 });
      const tip = layer.getTooltip();
      if (tip && tip.getElement()) tip.getElement().classList.toggle('dim', !shown);
    });
    if (this.beatLayer) {
      this.beatLayer.eachLayer((layer) => {
        const shown = !layer.districtName || isShown(layer.districtName);
        layer.setStyle({ opacity: shown ? 0.55 : 0.15 });
        const tip = layer.getTooltip();
        if (tip && tip.getElement()) tip.getElement().classList.toggle('dim', !shown);
      });
    }
  }

  /**
   * Shows exactly these hexes: [{key, cell, boundary, recurrenceIntervalDays, score, observed, expected, windowMin, district}].
   * Existing polygons are restyled in place, so a cells frame does not rebuild the map.
   */
  renderHexes(items, selectedCell) {
    const wanted = new Set();
    for (const item of items) {
      if (!item.boundary) continue;
      wanted.add(item.key);
      const style = cellStyle(item, { highlighted: item.cell === selectedCell });
      const signature = JSON.stringify(style) + item.observed + '|' + item.expected;
      let poly = this.hexes.get(item.key);
      if (!poly) {
        poly = L.polygon(item.boundary, { ...style, bubblingMouseEvents: false, className: 'hex' });
        poly.on('click', () => this.onCellClick(poly.item.cell, poly.item.windowMin));
        poly.bindTooltip(() => hexTooltip(poly.item), { sticky: true, className: 'hex-tip', direction: 'top', offset: [0, -8] });
        const tag = () => {
          const el = poly.getElement();
          if (el) {
            el.setAttribute('data-testid', 'hex');
            el.setAttribute('data-cell', poly.item.cell);
          }
        };
        poly.item = item;
        poly.on('add', tag);
        poly.addTo(this.hexLayer);
        this.hexes.set(item.key, poly);
      } else if (poly.signature !== signature) {
        poly.setStyle(style);
      }
      poly.item = item;
      poly.signature = signature;
      const el = poly.getElement();
      if (el) el.classList.toggle('quiet', levelForDays(item.recurrenceIntervalDays).id === 'info');
      if (item.cell === selectedCell) poly.bringToFront();
    }
    for (const [key, poly] of this.hexes) {
      if (!wanted.has(key)) {
        poly.remove();
        this.hexes.delete(key);
      }
    }
  }

  /**
   * Shows the alerts: a marker at each centroid and a dashed outline around its cells.
   * items: [{alert, level, selected, boundaries: [[lat,lon]...][]}]
   */
  renderAlerts(items) {
    const wanted = new Set();
    for (const { alert, level, selected, boundaries } of items) {
      const id = alert.alertId;
      const at = alertPosition(alert, boundaries);
      if (!at) continue;
      wanted.add(id);
      const signature = `${level.id}|${selected}|${alert.state}|${alert.category}|${at}`;
      let marker = this.markers.get(id);
      if (!marker || marker.signature !== signature) {
        if (marker) marker.remove();
        marker = L.marker(at, {
          icon: L.divIcon({
            className: '',
            html: `<span class="alert-pin sev-${level.id}${selected ? ' selected' : ''}" data-testid="alert-marker" data-alert-id="${escapeAttr(id)}"><span>${categoryGlyph(alert.category)}</span></span>`,
            iconSize: [26, 26],
            iconAnchor: [13, 13],
          }),
          keyboard: true,
          title: `${level.label} alert, ${alert.district || 'unknown district'}`,
          alt: `${level.label} alert`,
          zIndexOffset: selected ? 1000 : level.id === 'high' ? 500 : 0,
          riseOnHover: true,
        });
        marker.on('click', () => this.onAlertClick(id));
        marker.signature = signature;
        marker.addTo(this.markerLayer);
        this.markers.set(id, marker);
      }
      const outline = this.outlines.get(id);
      const outlineSig = `${level.id}|${selected}|${boundaries.length}`;
      if (!outline || outline.signature !== outlineSig) {
        if (outline) outline.remove();
        if (boundaries.length) {
          // One ring per cell: a multi-polygon, not a polygon with holes.
          const poly = L.polygon(boundaries.map((ring) => [ring]), {
            pane: 'alertOutlines',
            interactive: false,
            fill: false,
            color: selected ? '#ffffff' : level.color,
            weight: selected ? 3 : 2,
            dashArray: selected ? null : '5 4',
            opacity: 0.95,
          }).addTo(this.outlineLayer);
          poly.signature = outlineSig;
          this.outlines.set(id, poly);
        } else {
          this.outlines.delete(id);
        }
      }
    }
    for (const [id, marker] of this.markers) {
      if (!wanted.has(id)) {
        marker.remove();
        this.markers.delete(id);
      }
    }
    for (const [id, poly] of this.outlines) {
      if (!wanted.has(id)) {
        poly.remove();
        this.outlines.delete(id);
      }
    }
  }

  /** Fits the view to what is drawn (hexes and alerts), else to the districts. Returns true when it moved. */
  fitToData() {
    let bounds = null;
    const extend = (b) => {
      if (!b || !b.isValid()) return;
      bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    };
    for (const poly of this.hexes.values()) extend(poly.getBounds());
    for (const marker of this.markers.values()) extend(L.latLngBounds([marker.getLatLng()]));
    if (!bounds && this.districtLayer) extend(this.districtLayer.getBounds());
    if (!bounds) return false;
    this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
    this.fitted = true;
    return true;
  }

  /** Fits the view to one district: its outline, else its hexes on the map. */
  fitDistrict(name) {
    let bounds = null;
    if (this.districtLayer) {
      this.districtLayer.eachLayer((layer) => {
        if (layer.districtName === name) bounds = layer.getBounds();
      });
    }
    if (!bounds) {
      for (const poly of this.hexes.values()) {
        if (poly.item && poly.item.district === name) bounds = bounds ? bounds.extend(poly.getBounds()) : L.latLngBounds(poly.getBounds().getSouthWest(), poly.getBounds().getNorthEast());
      }
    }
    if (!bounds || !bounds.isValid()) return false;
    this.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 16, animate: !prefersReducedMotion() });
    this.fitted = true;
    return true;
  }

  focusAlert(alert, boundaries) {
    const at = alertPosition(alert, boundaries);
    if (!at) return;
    const zoom = Math.max(this.map.getZoom(), FOCUS_ZOOM - 1);
    this.map.flyTo(at, Math.min(zoom, FOCUS_ZOOM), { duration: prefersReducedMotion() ? 0 : 0.6 });
  }

  focusPoint(lat, lon) {
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return;
    this.map.flyTo([lat, lon], Math.max(this.map.getZoom(), FOCUS_ZOOM - 1), { duration: prefersReducedMotion() ? 0 : 0.6 });
  }

  invalidate() {
    this.map.invalidateSize();
  }
}

/** The HTML legend of the map colours. */
export function renderLegend(el, { history }) {
  const title = history ? 'Alert rarity as of the chosen time' : 'Recurrence interval';
  const summary = el.querySelector('summary');
  if (summary && summary.textContent === title) return;
  const open = summary ? el.open : true;
  el.replaceChildren(
    h('summary', { class: 'legend-title' }, title),
    h('div', { class: 'legend-sub' }, 'days between false alarms this strong, city-wide'),
    ...LEVELS.map((l) => h('div', { class: 'legend-row' },
      h('span', { class: 'swatch', style: `background:${l.color}` }),
      h('span', {}, l.legend),
      h('span', { class: 'legend-level' }, l.label))),
    h('div', { class: 'legend-row' }, h('span', { class: 'swatch outline' }), h('span', {}, 'alert zone'), h('span', { class: 'legend-level' }, '')),
  );
  el.open = open;
}

function hexTooltip(item) {
  if (!item) return '';
  const ratio = item.expected > 0 ? ` (${formatNumber(item.observed / item.expected)}×)` : '';
  return `<strong>${escapeHtml(item.district || '')}</strong> · ${formatWindow(item.windowMin)}<br>`
    + `observed ${formatNumber(item.observed, 0)} vs expected ${formatNumber(item.expected, 1)}${ratio}<br>`
    + `${escapeHtml(formatRecurrence(item.recurrenceIntervalDays))} · score ${formatNumber(item.score, 1)}`
    + (item.fromAlert ? '<br><em>from alert as of the chosen time</em>' : '');
}

function alertPosition(alert, boundaries) {
  if (alert.centroid && Number.isFinite(alert.centroid.lat)) return [alert.centroid.lat, alert.centroid.lon];
  if (boundaries && boundaries.length) {
    const pts = boundaries[0];
    return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
  }
  return null;
}

function isBeat(feature) {
  return !!(feature && feature.properties && feature.properties.level === 'beat');
}

/** A tile layer for a WMS GetMap template: {bbox} is the tile's EPSG:3857 west,south,east,north. */
const BboxTileLayer = L.TileLayer.extend({
  getTileUrl(coords) {
    const half = 20037508.342789244;
    const size = (2 * half) / Math.pow(2, coords.z);
    const west = -half + coords.x * size;
    const north = half - coords.y * size;
    const bbox = [west, north - size, west + size, north].map((v) => v.toFixed(2)).join(',');
    return this._url.replace('{bbox}', bbox).replace('{z}', coords.z).replace('{x}', coords.x).replace('{y}', coords.y);
  },
});

function districtName(feature) {
  const p = feature.properties || {};
  return p.name || p.district || p.NAME || p.DISTRICT || p.id || null;
}

function categoryGlyph(category) {
  return { new: '●', intensifying: '▲', persistent: '■', diminishing: '▼' }[category] || '●';
}

function prefersReducedMotion() {
  return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

const escapeAttr = escapeHtml;
