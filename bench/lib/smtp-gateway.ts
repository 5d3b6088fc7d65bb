// ————————————————————————————————————————————————————————————————————————————————————————————
// The gateway under test (child mode: `--serve library|prompt`).
// ————————————————————————————————————————————————————————————————————————————————————————————
import { execFileSync, fork, type ChildProcess } from 'node:child_process'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { Provider } from '../../simulators/core/provider.ts'
import { ALLMYSMS, SINK, type FromChild, type Greeting, type ToChild } from './smtp-setup.ts'

/** The entry point: it re-runs itself as `--serve <greeting>` for the gateway's child. */
const SCRIPT = fileURLToPath(new URL('../smtp-throughput.ts', import.meta.url))

export async function serve(greeting: Greeting): Promise<void> {
  const { Simulator } = await import('../../simulators/server/simulator.ts')
  const { PROVIDERS } = await import('../../simulators/providers.ts')
  const { startSmtpGateway } = await import('../../simulators/mail/smtp-gateway.ts')
  const sink: Provider = {
    id: 'benchsink' as Provider['id'],
    name: 'Sink',
    prefix: '/benchsink',
    codes: [],
    http: [],
    mail: [
      {
        name: 'sink',
        addresses: [SINK],
        accepts: (address) => address.toLowerCase() === SINK,
        handle: (mail) => ({ effects: [], journal: { request: { text: mail.text }, code: 'ok' } }),
      },
    ],
    demo: { accounts: [], usage: () => [] },
  }
  const allmysms = PROVIDERS.some((p) => p.id === 'allmysms' && p.mail?.length)
  const accounts = allmysms
    ? [
        {
          provider: 'allmysms' as const,
          id: ALLMYSMS.login,
          secret: ALLMYSMS.apiKey,
          credits: 1e12,
        },
      ]
    : []
  const sim = new Simulator({ demo: false, providers: [...PROVIDERS, sink], accounts })
  const smtp = await startSmtpGateway(sim, { port: 0, promptGreeting: greeting === 'prompt' })
  const send = (message: FromChild) => process.send!(message)
  let cpuAtReset = process.cpuUsage()
  process.on('message', (message: ToChild) => {
    if (message.type === 'reset') {
      sim.reset()
      cpuAtReset = process.cpuUsage()
      send({ type: 'reset-done' })
    } else if (message.type === 'count') {
      const codes: Record<string, number> = {}
      const journal = sim.store.journal()
      for (const entry of journal) codes[String(entry.code)] = (codes[String(entry.code)] ?? 0) + 1
      const cpu = process.cpuUsage(cpuAtReset)
      send({ type: 'count', handled: journal.length, codes, cpuMs: (cpu.user + cpu.system) / 1000 })
    } else if (message.type === 'close') {
      void smtp.close().then(() => process.exit(0))
    }
  })
  send({ type: 'ready', port: smtp.port, allmysms })
}

export class Gateway {
  #child: ChildProcess
  #waiting: ((message: FromChild) => void)[] = []
  constructor(child: ChildProcess) {
    this.#child = child
    child.on('message', (message: FromChild) => this.#waiting.shift()?.(message))
  }
  static async start(
    greeting: Greeting,
    cpu: string,
  ): Promise<Gateway & { port: number; allmysms: boolean }> {
    // taskset execs node in place: the IPC channel fork sets up is inherited.
    const pinned = hasTaskset()
    const child = fork(SCRIPT, ['--serve', greeting], {
      execPath: pinned ? 'taskset' : process.execPath,
      execArgv: pinned ? ['-c', cpu, process.execPath, '--import', 'tsx'] : ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const gateway = new Gateway(child)
    const ready = (await gateway.#next()) as Extract<FromChild, { type: 'ready' }>
    return Object.assign(gateway, { port: ready.port, allmysms: ready.allmysms })
  }
  #next(): Promise<FromChild> {
    return new Promise((resolve) => this.#waiting.push(resolve))
  }
  async ask<T extends FromChild['type']>(
    message: ToChild,
  ): Promise<Extract<FromChild, { type: T }>> {
    const answer = this.#next()
    this.#child.send(message)
    return (await answer) as Extract<FromChild, { type: T }>
  }
  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.#child.once('exit', resolve))
    this.#child.send({ type: 'close' })
    await exited
  }
}

export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' })
    return cpus().length > 1
  } catch {
    return false
  }
}
