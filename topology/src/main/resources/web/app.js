// The SabiScore page: reads the public API, follows the live prediction events, draws everything
// with the DOM. Hand-written, no framework, no build step.
'use strict';

const DAYS_SHOWN = 14;
const OUTCOMES = { home_win: 'Home win', draw: 'Draw', away_win: 'Away win', no_bet: 'No bet' };

const state = {
  competition: null,
  from: null,
  predictions: new Map(), // fixture id -> the highest version seen
  events: null,
  resultsReload: null,
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `${response.status} from ${url}`);
  return body;
}

const percent = (p) => `${Math.round(p * 100)}%`;
const isoDate = (date) => date.toISOString().slice(0, 10);
const addDays = (day, n) => isoDate(new Date(Date.parse(day + 'T00:00:00Z') + n * 86400000));
const when = (instant) => new Date(instant).toLocaleString(undefined,
  { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const dayTitle = (day) => new Date(day + 'T12:00:00Z').toLocaleDateString(undefined,
  { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const teamLink = (competition, team) =>
  el('a', { href: `#/team/${encodeURIComponent(competition)}/${encodeURIComponent(team)}`, text: team });

// ---- fixtures ----

function probabilityBar(p) {
  const label = `Home win ${percent(p.home_win_prob)}, draw ${percent(p.draw_prob)}, away win ${percent(p.away_win_prob)}`;
  const bar = el('div', { className: 'bar', role: 'img', 'aria-label': label });
  for (const [name, value] of [['home', p.home_win_prob], ['draw', p.draw_prob], ['away', p.away_win_prob]]) {
    const part = el('span', { className: `part ${name}` });
    part.style.width = `${(value * 100).toFixed(1)}%`;
    bar.append(part);
  }
  const legend = el('p', { className: 'legend', 'aria-hidden': 'true' },
    el('span', { text: `Home ${percent(p.home_win_prob)}` }),
    el('span', { text: `Draw ${percent(p.draw_prob)}` }),
    el('span', { text: `Away ${percent(p.away_win_prob)}` }));
  return [bar, legend];
}

function fixtureCard(p) {
  const bet = p.recommended_bet === 'no_bet'
    ? 'No bet'
    : `${OUTCOMES[p.recommended_bet] || p.recommended_bet}, stake ${(p.stake * 100).toFixed(1)}% of the bankroll`;
  const reasons = el('ul', {}, ...p.reasoning.map((reason) => el('li', { text: reason })));
  return el('article', { className: 'fixture', 'data-fixture-id': p.fixture_id, 'data-version': p.version },
    el('h4', {}, teamLink(p.competition, p.home_team), ' v ', teamLink(p.competition, p.away_team)),
    el('p', { className: 'kickoff' }, el('time', { datetime: p.kickoff, text: when(p.kickoff) })),
    ...probabilityBar(p),
    el('p', { className: 'bet' },
      el('strong', { text: 'Recommended: ' }), bet, ' ',
      el('span', { className: `confidence ${p.confidence}`, text: `${p.confidence} confidence` })),
    el('details', {}, el('summary', { text: 'Why?' }), reasons),
    el('p', { className: 'meta' },
      `Model ${p.model_version} (${p.head.replace('_', ' ')}), as of `,
      el('time', { datetime: p.as_of, text: when(p.as_of) }), `, version ${p.version}`));
}

function inRange(p) {
  const day = p.kickoff.slice(0, 10);
  return p.competition === state.competition && day >= state.from && day < addDays(state.from, DAYS_SHOWN);
}

function renderFixtures() {
  const byDay = new Map();
  const shown = [...state.predictions.values()].filter(inRange).sort((a, b) => a.kickoff.localeCompare(b.kickoff));
  for (const p of shown) {
    const day = p.kickoff.slice(0, 10);
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day).push(p);
  }
  const container = $('fixtures');
  container.replaceChildren();
  $('fixtures-note').textContent = shown.length
    ? `${shown.length} fixtures from ${dayTitle(state.from)} for ${DAYS_SHOWN} days.`
    : `No predicted fixtures from ${dayTitle(state.from)} for ${DAYS_SHOWN} days yet: they appear here as they are predicted.`;
  for (const [day, fixtures] of byDay) {
    container.append(el('section', { className: 'day', 'aria-label': dayTitle(day) },
      el('h3', { text: dayTitle(day) }), ...fixtures.map(fixtureCard)));
  }
}

/** Keeps a prediction unless a higher version of its fixture is known already. */
function keep(p) {
  const known = state.predictions.get(p.fixture_id);
  if (known && known.version >= p.version) return false;
  state.predictions.set(p.fixture_id, p);
  return true;
}

async function loadFixtures() {
  const to = addDays(state.from, DAYS_SHOWN - 1);
  const answer = await getJson(`/api/v1/predictions?competition=${encodeURIComponent(state.competition)}`
    + `&from=${state.from}&to=${to}`);
  state.predictions.clear();
  answer.predictions.forEach(keep);
  renderFixtures();
}

// ---- results ----

function favourite(p) {
  const options = [['home_win', p.home_win_prob], ['draw', p.draw_prob], ['away_win', p.away_win_prob]];
  return options.reduce((best, option) => (option[1] > best[1] ? option : best));
}

async function loadResults() {
  const answer = await getJson(`/api/v1/results?competition=${encodeURIComponent(state.competition)}&limit=10`);
  const container = $('results');
  if (!answer.results.length) {
    container.replaceChildren(el('p', { className: 'note', text: 'No results applied yet.' }));
    return;
  }
  const rows = answer.results.map(({ match, prediction }) => {
    let predicted = '–';
    let verdict = '';
    if (prediction) {
      const [outcome, p] = favourite(prediction);
      predicted = `${OUTCOMES[outcome]} (${percent(p)})`;
      verdict = outcome === match.outcome ? 'Right' : 'Wrong';
    }
    return el('tr', {},
      el('td', {}, el('time', { datetime: match.kickoff, text: new Date(match.kickoff).toLocaleDateString() })),
      el('th', { scope: 'row' }, teamLink(match.competition, match.home_team), ' v ',
        teamLink(match.competition, match.away_team)),
      el('td', { className: 'score', text: `${match.home_goals}–${match.away_goals}` }),
      el('td', { text: predicted }),
      el('td', { className: verdict.toLowerCase(), text: verdict }));
  });
  container.replaceChildren(el('div', { className: 'scroll' }, el('table', {},
    el('caption', { text: 'What was predicted before kick-off, and what happened' }),
    el('thead', {}, el('tr', {}, ...['Date', 'Match', 'Score', 'Most likely, as predicted', 'Outcome']
      .map((title) => el('th', { scope: 'col', text: title })))),
    el('tbody', {}, ...rows))));
}

// ---- team page ----

function ratingChart(points) {
  const width = 640;
  const height = 240;
  const pad = { left: 48, right: 12, top: 12, bottom: 28 };
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('class', 'chart');
  const ratings = points.map((p) => p.elo);
  const low = Math.floor(Math.min(...ratings) / 25) * 25;
  const high = Math.ceil(Math.max(...ratings) / 25) * 25 || low + 25;
  const x = (i) => pad.left + (points.length === 1 ? 0 : (i / (points.length - 1)) * (width - pad.left - pad.right));
  const y = (v) => height - pad.bottom - ((v - low) / Math.max(high - low, 1)) * (height - pad.top - pad.bottom);
  const title = document.createElementNS(svgNs, 'title');
  title.textContent = `Elo rating after each of ${points.length} matches, from ${Math.round(ratings[0])} to `
    + `${Math.round(ratings[ratings.length - 1])}`;
  svg.append(title);
  for (const v of [low, (low + high) / 2, high]) {
    const line = document.createElementNS(svgNs, 'line');
    Object.entries({ x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' })
      .forEach(([k, val]) => line.setAttribute(k, val));
    const label = document.createElementNS(svgNs, 'text');
    Object.entries({ x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end' }).forEach(([k, val]) => label.setAttribute(k, val));
    label.textContent = Math.round(v);
    svg.append(line, label);
  }
  for (const [i, anchor] of [[0, 'start'], [points.length - 1, 'end']]) {
    const label = document.createElementNS(svgNs, 'text');
    Object.entries({ x: x(i), y: height - 8, 'text-anchor': anchor }).forEach(([k, val]) => label.setAttribute(k, val));
    label.textContent = new Date(points[i].kickoff).toLocaleDateString();
    svg.append(label);
  }
  const path = document.createElementNS(svgNs, 'polyline');
  path.setAttribute('points', points.map((p, i) => `${x(i).toFixed(1)},${y(p.elo).toFixed(1)}`).join(' '));
  path.setAttribute('class', 'line');
  svg.append(path);
  return svg;
}

async function showTeam(competition, team) {
  $('fixtures-view').hidden = true;
  $('results-view').hidden = true;
  $('team-view').hidden = false;
  $('team-title').textContent = team;
  const container = $('team');
  container.replaceChildren(el('p', { className: 'note', text: 'Loading…' }));
  const path = `${encodeURIComponent(competition)}/${encodeURIComponent(team)}`;
  const [current, history] = await Promise.all([
    getJson(`/api/v1/teams/${path}`).catch(() => null),
    getJson(`/api/v1/teams/${path}/history`)]);
  const parts = [];
  if (current) {
    const t = current.team;
    parts.push(el('dl', { className: 'ratings' },
      el('dt', { text: 'Elo' }), el('dd', { text: Math.round(t.elo) }),
      el('dt', { text: 'Pi rating home / away' }), el('dd', { text: `${t.pi_home.toFixed(2)} / ${t.pi_away.toFixed(2)}` }),
      el('dt', { text: 'Form' }), el('dd', { text: `${t.form_points} points from ${t.form_matches} matches` }),
      el('dt', { text: 'Season' }), el('dd', { text: `${t.season}, ${t.matches_this_season} matches played` })));
  }
  if (history.points.length) {
    parts.push(el('h3', { text: 'Rating history' }), el('figure', {}, ratingChart(history.points),
      el('figcaption', { text: `Elo after each of the last ${history.points.length} matches.` })));
    const rows = history.points.slice().reverse().map((p) => el('tr', {},
      el('td', { text: new Date(p.kickoff).toLocaleDateString() }),
      el('td', { text: `${p.at_home ? 'v' : 'at'} ${p.opponent}` }),
      el('td', { text: p.score }), el('td', { text: Math.round(p.elo) })));
    parts.push(el('details', {}, el('summary', { text: 'The ratings as a table' }),
      el('div', { className: 'scroll' }, el('table', {},
        el('thead', {}, el('tr', {}, ...['Date', 'Match', 'Score', 'Elo after'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, ...rows)))));
  } else {
    parts.push(el('p', { className: 'note', text: 'No rating history yet: it grows as results are applied.' }));
  }
  container.replaceChildren(...parts);
  $('team-title').focus();
}

function showFixtures() {
  $('team-view').hidden = true;
  $('fixtures-view').hidden = false;
  $('results-view').hidden = false;
}

// ---- live updates ----

function setLive(text, className) {
  const live = $('live');
  live.textContent = text;
  live.className = `live ${className}`;
}

function follow() {
  if (state.events) state.events.close();
  const events = new EventSource(`/api/v1/predictions/stream?competition=${encodeURIComponent(state.competition)}`);
  state.events = events;
  events.addEventListener('open', () => setLive('Live', 'on'));
  events.addEventListener('prediction', (message) => {
    const p = JSON.parse(message.data);
    if (inRange(p) && keep(p)) {
      renderFixtures();
      const card = document.querySelector(`[data-fixture-id="${CSS.escape(p.fixture_id)}"]`);
      if (card) card.classList.add('updated');
    }
    // a new version usually follows a result: read the results again once the burst is over
    clearTimeout(state.resultsReload);
    state.resultsReload = setTimeout(() => loadResults().catch(() => {}), 3000);
  });
  events.addEventListener('resync', () => refresh());
  events.addEventListener('error', () => {
    setLive('Reconnecting…', 'off');
    if (events.readyState === EventSource.CLOSED) {
      // the browser gave up (e.g. the server answered an error): try again, resuming where it stopped
      setTimeout(() => { if (state.events === events) follow(); }, 3000);
    }
  });
}

// ---- start ----

async function refresh() {
  try {
    await Promise.all([loadFixtures(), loadResults()]);
  } catch (e) {
    $('fixtures-note').textContent = `Could not load the predictions: ${e.message}`;
  }
}

function route() {
  const team = location.hash.match(/^#\/team\/([^/]+)\/(.+)$/);
  if (team) {
    showTeam(decodeURIComponent(team[1]), decodeURIComponent(team[2]))
      .catch((e) => $('team').replaceChildren(el('p', { text: `Could not load the team: ${e.message}` })));
  } else {
    showFixtures();
  }
}

async function start() {
  const params = new URLSearchParams(location.search);
  const competitions = await getJson('/api/v1/competitions');
  const select = $('competition');
  for (const c of competitions) select.append(el('option', { value: c.code, text: `${c.name} (${c.country})` }));
  state.competition = competitions.some((c) => c.code === params.get('competition'))
    ? params.get('competition')
    : (competitions.find((c) => c.reached) || competitions[0]).code;
  select.value = state.competition;
  const reached = competitions.find((c) => c.code === state.competition).reached;
  state.from = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') || '')
    ? params.get('date')
    : (reached ? reached.slice(0, 10) : isoDate(new Date()));
  $('date').value = state.from;

  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const changed = select.value !== state.competition;
    state.competition = select.value;
    state.from = $('date').value || state.from;
    history.replaceState(null, '', `?competition=${state.competition}&date=${state.from}`);
    if (changed) follow();
    refresh();
  });
  $('back').addEventListener('click', (event) => {
    event.preventDefault();
    history.pushState(null, '', location.pathname + location.search);
    route();
  });
  window.addEventListener('hashchange', route);
  follow();
  await refresh();
  route();
}

start().catch((e) => {
  $('fixtures-note').textContent = `Could not start: ${e.message}`;
});
