/**
 * `smsim ca`: where smsim's local CA is and its certificate, to trust it (ADR 020). Creates the
 * CA when there is none yet, as `smsim start --tls` would, so that a truststore can be prepared
 * before the first start.
 */
import { Option, type Command } from 'commander'

/** What commander hands the `ca` action. */
interface CaFlags {
  tlsDir?: string
  path?: boolean
  pem?: boolean
}

/**
 * Adds `ca` to the `smsim` program: by default the certificate's path, then its PEM; `--path`
 * or `--pem` alone prints only that (for `$(smsim ca --path)` and `smsim ca --pem > ca.pem`).
 *
 * @example
 * // NODE_EXTRA_CA_CERTS="$(smsim ca --path)" node app.js
 */
export function registerCa(program: Command): Command {
  return program
    .command('ca')
    .description("print the local CA's certificate (path and PEM), creating the CA if missing")
    .addOption(
      new Option('--tls-dir <dir>', 'where the CA is kept (as `smsim start --tls-dir`)').env(
        'SMSIM_TLS_DIR',
      ),
    )
    .option('--path', "only the certificate's path")
    .option('--pem', 'only the certificate, in PEM')
    .action(async (opts: CaFlags, cmd: Command) => {
      const output = cmd.configureOutput()
      const { defaultTlsDir, loadOrCreateCa } = await import('../simulators/server/local-ca.ts')
      const ca = await loadOrCreateCa(opts.tlsDir ?? defaultTlsDir())
      if (opts.path) return output.writeOut?.(`${ca.certPath}\n`)
      if (opts.pem) return output.writeOut?.(ca.certPem)
      output.writeOut?.(
        `${ca.created ? 'created' : 'CA'} ${ca.certPath}\nSHA-256 ${ca.fingerprint}\n${ca.certPem}`,
      )
    })
}
