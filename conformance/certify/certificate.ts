/**
 * A school's certificate as one self-contained HTML page (styles inline, no script), in
 * French: it is read by the Syndicat and mailed to the school's secretary. It says, in this
 * order, whether the school may switch its alerts on, what to do first if not, then every
 * check with what it means, what ASPSMS answered and what to do when it failed. Every value
 * is escaped: names come from a CSV, answers from an endpoint.
 */
import { escapeHtml as e } from '../reporters/html.ts'
import type { CheckOutcome } from './checks.ts'
import type { Certificate } from './run.ts'

/**
 * A date as the certificate writes it, in the Syndicat's time zone.
 *
 * @example
 * frenchDate(Date.UTC(2026, 0, 6, 9, 0)) // '6 janvier 2026 à 10:00'
 */
export function frenchDate(ms: number): string {
  return new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(ms)
}

/** The styles the certificate and the summary share. */
export const CERTIFY_STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:52rem;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.kicker{color:#555;margin:0;text-transform:uppercase;letter-spacing:.04em;font-size:.8rem}
.verdict{font-size:1.25rem;font-weight:700;padding:.7rem 1rem;border-radius:.4rem;margin:1rem 0}
.verdict small{display:block;font-weight:400;font-size:.95rem}
.verdict.ok{background:#dafbe1;color:#116329}.verdict.bad{background:#ffebe9;color:#a40e26}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dt{color:#666}dd{margin:0}
.note{background:#fff8c5;border-radius:.4rem;padding:.6rem 1rem}
.todo li{margin:.3rem 0}
.check{border:1px solid #e3e3e3;border-left-width:.4rem;border-radius:.3rem;padding:.6rem .9rem;margin:.6rem 0}
.check h3{font-size:1rem;margin:0 0 .3rem;display:flex;gap:.6rem;align-items:baseline}
.check p{margin:.25rem 0}
.badge{font-size:.8rem;font-weight:700;padding:.05rem .5rem;border-radius:1rem;white-space:nowrap}
.passed{border-left-color:#1a7f37}.passed .badge{background:#dafbe1;color:#116329}
.failed{border-left-color:#cf222e}.failed .badge{background:#ffebe9;color:#a40e26}
.not-done{border-left-color:#9a6700}.not-done .badge{background:#fff8c5;color:#7d4e00}
.label{color:#555;font-weight:600}
details{color:#555;font-size:.85rem}details pre{white-space:pre-wrap;word-break:break-word;font-size:.8rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #e3e3e3}
th{background:#f6f6f6}td.v-ok{color:#116329;font-weight:700}td.v-bad{color:#a40e26;font-weight:700}
footer{margin-top:2rem;color:#777;font-size:.8rem}
`

const BADGE: Record<CheckOutcome['verdict'], string> = {
  passed: 'Réussi',
  failed: 'Échoué',
  'not-done': 'Non fait en direct',
}

function checkBlock(check: CheckOutcome): string {
  return `<article class="check ${check.verdict}" id="check-${e(check.id)}">
<h3><span class="badge">${BADGE[check.verdict]}</span> ${e(check.title)}</h3>
<p><span class="label">Ce que cela veut dire :</span> ${e(check.meaning)}</p>
<p><span class="label">Résultat :</span> ${e(check.observed)}</p>
${check.advice ? `<p><span class="label">Que faire :</span> ${e(check.advice)}</p>` : ''}
${check.technical ? `<details><summary>Détail technique (${e(check.status)})</summary><pre>${e(check.technical)}</pre></details>` : ''}
</article>`
}

function targetText(c: Certificate): string {
  return c.mode === 'live'
    ? `ASPSMS en direct (${c.target}), interface ${c.transport.toUpperCase()}`
    : `simulateur smsim (${c.target}), interface ${c.transport.toUpperCase()}`
}

/**
 * The certificate page.
 *
 * @example
 * await writeFile(`reports/certify/${certificate.file}.html`, renderCertificate(certificate))
 */
export function renderCertificate(c: Certificate): string {
  const certified = c.verdict === 'CERTIFIED'
  const setup = c.checks.filter((k) => k.kind === 'setup')
  const rehearsals = c.checks.filter((k) => k.kind === 'rehearsal')
  const failed = c.checks.filter((k) => k.verdict === 'failed')
  // One item per thing to do: an originator refused fails two checks with the same advice.
  const todo = new Map<string, string[]>()
  for (const k of [
    ...failed.filter((x) => x.kind === 'setup'),
    ...failed.filter((x) => x.kind !== 'setup'),
  ])
    todo.set(k.advice ?? '', [...(todo.get(k.advice ?? '') ?? []), k.title])
  const originator = c.school.originatorGiven
    ? e(c.school.originator)
    : `${e(c.school.originator)} <small>(aucun déclaré : essai avec celui-ci)</small>`
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(c.verdict)} — ${e(c.school.name)} (${e(c.school.code)}) — Alerte SMS</title>
<style>${CERTIFY_STYLE}</style>
</head>
<body>
<header>
<p class="kicker">Syndicat ESF — application « Alerte SMS » par ASPSMS</p>
<h1>Certificat de mise en service : ${e(c.school.name)}</h1>
<div class="verdict ${certified ? 'ok' : 'bad'}">${e(c.verdict)}<small>${
    certified
      ? 'L’installation de l’école est en ordre : le Syndicat peut activer ses alertes SMS.'
      : 'Les alertes SMS ne peuvent pas encore être activées : voir « À faire » ci-dessous.'
  }</small></div>
<dl>
<dt>École</dt><dd>${e(c.school.name)}</dd>
<dt>Code de l’école</dt><dd>${e(c.school.code)}</dd>
<dt>Clé utilisateur (UserKey)</dt><dd>${e(c.school.userKey)}</dd>
<dt>Téléphone de test</dt><dd>${e(c.school.phone)} (${e(c.school.phoneE164)})</dd>
<dt>Expéditeur</dt><dd>${originator}</dd>
<dt>Date</dt><dd>${e(frenchDate(c.date))}</dd>
<dt>Vérifié contre</dt><dd>${e(targetText(c))}</dd>
</dl>
</header>
${
  c.mode === 'live'
    ? `<p class="note">Certification en direct : seuls les contrôles qui ne coûtent rien ont été faits (identifiants, solde, expéditeur). ${
        c.notDoneLive.length
          ? `Non vérifié en direct : ${c.notDoneLive.map(e).join(', ')}.`
          : 'Tous les contrôles ont pu être faits.'
      }</p>`
    : ''
}
${
  todo.size
    ? `<section class="todo"><h2>À faire</h2><ol>${[...todo]
        .map(
          ([advice, titles]) =>
            `<li><strong>${titles.map(e).join(', ')}</strong> — ${e(advice)}</li>`,
        )
        .join('')}</ol></section>`
    : ''
}
${
  c.reasons.length && !todo.size
    ? `<section class="todo"><h2>À faire</h2><ol>${c.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ol></section>`
    : ''
}
<h2>Contrôles de l’installation</h2>
${setup.map(checkBlock).join('\n')}
${
  rehearsals.length
    ? `<h2>Répétition des pannes courantes</h2>
<p>Ces essais provoquent, avec le compte de l’école, les pannes que les écoles rencontrent en saison : voici ce qu’ASPSMS répond alors, et ce qu’il faut faire.</p>
${rehearsals.map(checkBlock).join('\n')}`
    : ''
}
<footer>smsim ${e(c.report.run_info.smsimVersion)} — suite ${e(c.report.run_info.suite)} — ${c.checks.length} contrôles, du ${e(frenchDate(c.date))} au ${e(frenchDate(c.finished))}.</footer>
</body>
</html>
`
}
