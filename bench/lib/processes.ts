/** The child processes a bench starts, tracked so that none outlives it. */
import { spawn, type ChildProcess } from 'node:child_process'

/** Every process this script started and has not seen end. */
export const live = new Set<ChildProcess>()

export function track(child: ChildProcess): ChildProcess {
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** Runs a command to its end; rejects on a non-zero exit. */
export function run(command: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = track(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }))
    let out = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    child.once('error', fail)
    child.once('close', (code) =>
      code === 0 ? done(out) : fail(new Error(`${command} exited ${code}: ${out}`)),
    )
  })
}
