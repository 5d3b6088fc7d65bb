/** The options of bench/http-throughput.ts, and its --help. */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { MAX_RECORDS } from '../../simulators/core/store-limits.ts'
import { TARGETS, type TargetId } from './http-targets.ts'

export interface Options {
  passes: number
  rounds: number
  duration: number
  warmup: number
  jvmWarmup: number
  connections: number
  serverCpu: string
  loadCpu: string
  targets: TargetId[]
  memorySends: number[]
  wiremockJar: string | undefined
  profile: string | undefined
  profileTarget: TargetId
  maxForeign: number
  retries: number
  quietWait: number
}

export const DEFAULT_JAR_DIR = '/tmp/wiremock/node_modules/wiremock/build'

export const HELP = `Usage: npx tsx bench/http-throughput.ts [options]

  --passes N          passes over the targets, each target started afresh in each pass, so
                      that a slow spell of the machine hits every target alike (default 3)
  --rounds N          measured rounds per target and pass (default 2; medians over all
                      the rounds are reported)
  --duration S        seconds per round (default 5: smsim-82 then stays below the store's cap
                      of ${MAX_RECORDS} journal entries within a round)
  --warmup S          unmeasured seconds before the rounds (default 3)
  --jvm-warmup S      the same for WireMock, whose JIT needs longer (default 20)
  --connections N     wrk connections, one wrk thread (default 50)
  --max-foreign C     a round during which processes other than the server and wrk used
                      more than C cores (/proc/stat) is run again (default 0.25)
  --retries N         how many times a round is run again at most (default 3)
  --quiet-wait S      before each round, wait up to S seconds for the machine to be idle
                      (under --max-foreign cores busy; default 300)
  --server-cpu LIST   cores the server under test is pinned to (default 0)
  --load-cpu LIST     cores wrk is pinned to (default 1)
  --targets LIST      comma-separated, in order, from:
                      ${TARGETS.map((t) => t.id).join(', ')}
                      (default: all; wiremock only when its jar is found). smsim-aspsms-json,
                      smsim-aspsms-soap, smsim-allmysms-http and smsim-isendpro-rest POST one
                      SMS (ASPSMS JSON SendSimpleTextSMS, SOAP 1.1 SendTextSMS, allmysms
                      sendSms with smsData JSON urlencoded, iSendPro REST /sms JSON) through a
                      wrk Lua script written at run time; their share of bare Node is read
                      against the node target of the same run
  --memory LIST       accepted sends at which smsim's memory is sampled
                      (default 50000,100000,150000,200000,205000; "none" skips it)
  --wiremock-jar P    WireMock's standalone jar (default $WIREMOCK_JAR, else the one of
                      \`npm install --prefix /tmp/wiremock wiremock@3.13.2\` if present)
  --profile DIR       afterwards, profile one target (V8 CPU profiler, one round after the
                      warm-up), print where the time goes, write the .cpuprofile to DIR
  --profile-target T  the target profiled (default smsim-80)
`

export function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      passes: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '2' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '3' },
      'jvm-warmup': { type: 'string', default: '20' },
      connections: { type: 'string', default: '50' },
      'max-foreign': { type: 'string', default: '0.25' },
      retries: { type: 'string', default: '3' },
      'quiet-wait': { type: 'string', default: '300' },
      'server-cpu': { type: 'string', default: '0' },
      'load-cpu': { type: 'string', default: '1' },
      targets: { type: 'string' },
      memory: { type: 'string', default: '50000,100000,150000,200000,205000' },
      'wiremock-jar': { type: 'string' },
      profile: { type: 'string' },
      'profile-target': { type: 'string', default: 'smsim-80' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    process.exit(0)
  }
  const positive = (name: string, value: string) => {
    const n = Number(value)
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`)
    return n
  }
  const known = TARGETS.map((t) => t.id as string)
  const targetId = (name: string, value: string) => {
    if (!known.includes(value)) throw new Error(`--${name}: unknown target "${value}"`)
    return value as TargetId
  }
  const wiremockJar = values['wiremock-jar'] ?? process.env.WIREMOCK_JAR ?? findWiremockJar()
  const profileTarget = targetId('profile-target', values['profile-target'])
  if (profileTarget === 'wiremock') throw new Error('--profile-target: only Node targets')
  const maxForeign = Number(values['max-foreign'])
  if (!(maxForeign > 0)) throw new Error('--max-foreign must be a positive number of cores')
  return {
    passes: positive('passes', values.passes),
    rounds: positive('rounds', values.rounds),
    duration: positive('duration', values.duration),
    warmup: positive('warmup', values.warmup),
    jvmWarmup: positive('jvm-warmup', values['jvm-warmup']),
    connections: positive('connections', values.connections),
    serverCpu: values['server-cpu'],
    loadCpu: values['load-cpu'],
    targets: values.targets
      ? values.targets.split(',').map((t) => targetId('targets', t.trim()))
      : TARGETS.map((t) => t.id).filter((t) => t !== 'wiremock' || wiremockJar),
    memorySends:
      values.memory === 'none' ? [] : values.memory.split(',').map((n) => positive('memory', n)),
    wiremockJar,
    profile: values.profile,
    profileTarget,
    maxForeign,
    retries: Number(values.retries) >= 0 ? Number(values.retries) : 3,
    quietWait: Number(values['quiet-wait']) >= 0 ? Number(values['quiet-wait']) : 300,
  }
}

export function findWiremockJar(): string | undefined {
  try {
    const jar = readdirSync(DEFAULT_JAR_DIR).find((f) => /^wiremock-standalone-.*\.jar$/.test(f))
    return jar ? join(DEFAULT_JAR_DIR, jar) : undefined
  } catch {
    return undefined
  }
}
