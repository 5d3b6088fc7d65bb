/**
 * The dashboard's server side: the page at `/`, its scripts and style under
 * `/_smsim/dashboard/`, and the control API's index at `/_smsim/`. The files are served as they
 * are in this folder — the clone, the built package and the bundled command serve the same
 * bytes, with no build step (docs/decisions/019-the-dashboard.md). They hold no data: every
 * figure the page shows comes from the control API, behind its guards and its token.
 */
import { join } from 'node:path'
import type { Request, RequestHandler, Response } from 'express'
import { packageRoot } from '../core/package-root.ts'

/**
 * Where the page's files are. Found from the package root, not from this module: the module
 * runs from `simulators/dashboard/` (sources), `dist/simulators/dashboard/` (tsc) or
 * `dist/cli/` (the esbuild bundle), while the static files stay in `simulators/dashboard/`
 * (package.json `files`).
 */
export const DASHBOARD_DIR = join(packageRoot(import.meta.url), 'simulators', 'dashboard')

/** The URL path the page's scripts and style are served under. */
export const DASHBOARD_ASSETS_PATH = '/_smsim/dashboard/'

/**
 * What the page may load and call: its own scripts, style and API, nothing else. No inline
 * script or style (the page has none), no other origin (it works offline, with no CDN), never
 * framed (a framing page could trick a click on "Delete").
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * A file the dashboard serves: one flat folder of lower-case names, `.js` and `.css` only. Any
 * other name (`serve.ts`, `../package.json`, a dotfile) is not there.
 */
const ASSET_NAME = /^[a-z][a-z0-9-]*\.(js|css)$/

const ASSET_TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
}

/**
 * Headers of every dashboard file. `no-cache` revalidates each load against the ETag (a 304
 * costs nothing on loopback), so a newer smsim never runs yesterday's script.
 */
const COMMON_HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}

/**
 * Sends one file of {@link DASHBOARD_DIR}; a file that is not there goes on to `notFound`.
 * `res.sendFile` answers conditional requests (ETag, Last-Modified) and ranges.
 */
function sendDashboardFile(
  res: Response,
  name: string,
  headers: Record<string, string>,
  notFound: () => void,
): void {
  res.sendFile(
    name,
    { root: DASHBOARD_DIR, dotfiles: 'deny', headers: { ...COMMON_HEADERS, ...headers } },
    (error) => {
      if (error && !res.headersSent) notFound()
    },
  )
}

/**
 * The page itself (`GET /`): index.html under {@link DASHBOARD_CSP}.
 *
 * @example
 * app.get('/', dashboardPage())
 */
export function dashboardPage(): RequestHandler {
  return (_req, res) =>
    sendDashboardFile(
      res,
      'index.html',
      {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': DASHBOARD_CSP,
      },
      () =>
        void res
          .status(404)
          .type('text/plain')
          .send(`smsim: the dashboard's files are missing from ${DASHBOARD_DIR}\n`),
    )
}

/**
 * The page's scripts and style, mounted at {@link DASHBOARD_ASSETS_PATH}. Ahead of the token
 * guard: a browser loads `<script src>` without an Authorization header, and these files are
 * the same for everyone (the Host guard still applies).
 *
 * @example
 * api.use('/dashboard', dashboardAssets())
 */
export function dashboardAssets(): RequestHandler {
  return (req: Request, res, next) => {
    const name = req.path.slice(1)
    const type = ASSET_NAME.exec(name)?.[1]
    if (type === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) return next()
    sendDashboardFile(res, name, { 'content-type': ASSET_TYPES[type]! }, () => next())
  }
}

/** Where `/_smsim/` points: the links its index gives, as paths of this smsim. */
export const CONTROL_LINKS = {
  dashboard: '/',
  openapi: '/_smsim/openapi.json',
  health: '/_smsim/health',
} as const

/**
 * `GET /_smsim/`: where things are. HTML for a browser, JSON for everything else (curl sends
 * `*\/*`, which picks the first type offered). It names routes only, no data: it is answered
 * without the token, like health.
 *
 * @example
 * api.get('/', controlIndex('0.1.0'))
 * // curl localhost:8780/_smsim/ → {"name":"smsim","version":"0.1.0","links":{"dashboard":"/",…}}
 */
export function controlIndex(version: string): RequestHandler {
  return (_req, res) => {
    res.format({
      json: () => res.json({ name: 'smsim', version, links: CONTROL_LINKS }),
      html: () => {
        res
          .set({ ...COMMON_HEADERS, 'content-security-policy': DASHBOARD_CSP })
          .type('html')
          .send(controlIndexHtml(version))
      },
    })
  }
}

function controlIndexHtml(version: string): string {
  const link = (href: string, label: string, what: string) =>
    `<li><a href="${href}">${label}</a> — ${what}</li>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>smsim control API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${DASHBOARD_ASSETS_PATH}dashboard.css">
</head>
<body>
<main class="index-page">
<h1>smsim ${version.replace(/[^\w.+-]/g, '')} — control API</h1>
<ul>
${link(CONTROL_LINKS.dashboard, 'Dashboard', 'the phones, the outbox, the accounts, the journal, the clock, and a form to try each provider')}
${link(CONTROL_LINKS.openapi, 'OpenAPI document', 'every route of the control API, its parameters and bodies')}
${link(CONTROL_LINKS.health, 'Health', 'version, providers, clock and where the SMTP gateway listens')}
</ul>
</main>
</body>
</html>
`
}
