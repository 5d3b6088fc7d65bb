/**
 * `GET /_smsim/health`: whether smsim is up, what it serves, its clock, and with `--data-dir`
 * whether the directory can be written (a full disk makes smsim unhealthy: 503). One answer,
 * given by control-entry.ts before the control API is loaded and by control.ts after.
 */
import { SMSIM_VERSION } from '../version.ts'
import type { Simulator } from './simulator.ts'

/** The health answer's status and JSON body; releases first what fell due on a running clock. */
export function health(sim: Simulator): { status: number; body: Record<string, unknown> } {
  sim.tick()
  const onDisk = sim.store.onDisk?.()
  const unwritable = onDisk?.writable === false
  return {
    status: unwritable ? 503 : 200,
    body: {
      status: unwritable ? 'unwritable' : 'ok',
      version: SMSIM_VERSION,
      providers: [...sim.providers.keys()],
      clock: sim.clock.toJSON(),
      ...(sim.smtp ? { smtp: sim.smtp } : {}),
      ...(onDisk
        ? {
            dataDir: {
              path: onDisk.dir,
              writable: onDisk.writable,
              ...(onDisk.error ? { error: onDisk.error } : {}),
            },
          }
        : {}),
    },
  }
}
